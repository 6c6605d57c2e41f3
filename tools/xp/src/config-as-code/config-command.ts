import { readFileSync } from 'node:fs';
import { configFileJsonSchema } from '@xp/contracts';
import { ApiClient, ApiError } from '../admin/api-client';
import { platformUrls } from '../admin/platform-urls';
import { CliError } from '../cli-error';
import { applyImport } from './apply-import';
import { toConfigYaml, parseConfigYaml } from './config-yaml';
import { diffConfig, renderDiff } from './import-diff';
import { readPlatformConfig } from './platform-config';
import type { CommandIo } from '../command-io';

export const CONFIG_USAGE = [
  'usage: npm run --silent xp -- export > xp.yaml',
  '       npm run --silent xp -- import xp.yaml [--apply] [--prune] [--json]   (dry run unless --apply)',
  '       npm run --silent xp -- schema   (the JSON Schema of xp.yaml)',
  '   XP_API_KEY (admin to apply), XP_CONFIG_URL (default: XP_PORT_BASE + 1, i.e. http://127.0.0.1:3001)',
].join('\n');

export type ConfigIo = CommandIo;

/** `xp export`, `xp import <file.yaml>`, `xp schema`; returns the exit code (errors are thrown as CliError). */
export async function runConfigCommand(args: string[], io: ConfigIo): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'schema') {
    io.out(`${JSON.stringify(configFileJsonSchema(), null, 2)}\n`);
    return 0;
  }
  const key = io.env.XP_API_KEY;
  if (!key) throw new CliError('USAGE', `set XP_API_KEY to an API key (admin to apply)\n${CONFIG_USAGE}`);
  const client = new ApiClient(platformUrls(io.env), key, io.fetch);
  try {
    return await configCommand(command, rest, client, io);
  } catch (error) {
    // The API's refusal, as the admin commands print it: status, code, message, field issues.
    if (error instanceof ApiError) throw new CliError(error.code, error.describe(), { status: error.status });
    throw error;
  }
}

async function configCommand(command: string | undefined, rest: string[], client: ApiClient, io: CommandIo): Promise<number> {
  if (command === 'export') {
    if (rest.length > 0) throw new CliError('USAGE', `unexpected arguments: ${rest.join(' ')}\n${CONFIG_USAGE}`);
    io.out(toConfigYaml((await readPlatformConfig(client)).entities));
    return 0;
  }
  const options = new Set(rest.filter((a) => a.startsWith('--')));
  const files = rest.filter((a) => !a.startsWith('--'));
  const unknown = [...options].filter((o) => !['--apply', '--prune', '--json'].includes(o));
  if (command !== 'import' || files.length !== 1 || unknown.length > 0) throw new CliError('USAGE', `${unknown.length ? `unknown option ${unknown[0]}\n` : ''}${CONFIG_USAGE}`);
  let text: string;
  try {
    text = (io.readFile ?? ((p) => readFileSync(p, 'utf8')))(files[0]);
  } catch (error) {
    throw new CliError('INVALID_INPUT', `cannot read ${files[0]}: ${(error as Error).message}`);
  }
  const file = parseConfigYaml(text, files[0]);
  const platform = await readPlatformConfig(client);
  const diff = diffConfig(file, platform, options.has('--prune'));
  if (!options.has('--apply')) {
    io.out(options.has('--json') ? `${JSON.stringify(diff, null, 2)}\n` : `${renderDiff(diff)}${diff.changes.length ? 'Nothing was written. Run again with --apply to apply these changes.\n' : ''}`);
    return 0;
  }
  const applied = await applyImport(diff, platform, client);
  io.out(options.has('--json') ? `${JSON.stringify({ diff, applied }, null, 2)}\n` : `${renderDiff(diff)}${applied.map((line) => `  ${line}\n`).join('')}Applied ${applied.length} write(s).\n`);
  return 0;
}
