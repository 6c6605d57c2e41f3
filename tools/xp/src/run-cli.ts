import { StatsError } from '@xp/stats';
import type { Area } from './command';
import { CliError } from './cli-error';

export interface CliOutcome {
  exitCode: number;
  output: unknown;
}

const EXIT_BAD_INPUT = 2;
const EXIT_INTERNAL = 1;

/** Resolves `<area> <command>`, runs it on the stdin text, and maps every failure to a JSON error. */
export function runCli(args: string[], stdin: string, areas: Record<string, Area>): CliOutcome {
  try {
    const command = resolveCommand(args, areas);
    return { exitCode: 0, output: command(parseJson(stdin)) };
  } catch (error) {
    if (error instanceof CliError || error instanceof StatsError) {
      return { exitCode: EXIT_BAD_INPUT, output: { error: { ...error.details, code: error.code, message: error.message } } };
    }
    // Never a stack trace: the message is enough to report a bug.
    const message = error instanceof Error ? error.message : String(error);
    return { exitCode: EXIT_INTERNAL, output: { error: { code: 'INTERNAL', message } } };
  }
}

function resolveCommand([areaName, commandName, ...rest]: string[], areas: Record<string, Area>) {
  const usage = Object.entries(areas).map(([name, area]) => `${name} <${Object.keys(area).join('|')}>`);
  const area = areaName === undefined ? undefined : areas[areaName];
  if (!area) throw new CliError('USAGE', `unknown area ${JSON.stringify(areaName ?? '')}; usage: xp ${usage.join(' | xp ')}`, { usage });
  const command = commandName === undefined ? undefined : area[commandName];
  if (!command) {
    throw new CliError('USAGE', `unknown command ${JSON.stringify(commandName ?? '')} for ${areaName}; expected one of ${Object.keys(area).join(', ')}`, { usage });
  }
  if (rest.length > 0) throw new CliError('USAGE', `unexpected arguments: ${rest.join(' ')} (input is read from stdin)`, { usage });
  return command;
}

function parseJson(text: string): unknown {
  if (text.trim() === '') throw new CliError('INVALID_JSON', 'expected one JSON object on stdin, got nothing');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError('INVALID_JSON', `stdin is not valid JSON: ${(error as Error).message}`);
  }
}
