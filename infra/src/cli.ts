import { EngineName, engineNames, engineStatus, ensureEngines, stopEngines } from './engines';

const usage = 'usage: node -r @swc-node/register infra/src/cli.ts up|down|status [kafka|postgres|clickhouse ...]';

function parseEngines(args: string[]): EngineName[] {
  if (args.length === 0) return [...engineNames];
  for (const arg of args) {
    if (!engineNames.includes(arg as EngineName)) throw new Error(`unknown engine "${arg}". ${usage}`);
  }
  return args as EngineName[];
}

async function printStatus(which: EngineName[]): Promise<boolean> {
  const statuses = await engineStatus(which);
  for (const s of statuses) {
    const state = s.up ? 'up  ' : 'down';
    const detail = s.detail ? `  (${s.detail})` : '';
    console.log(`${s.name.padEnd(11)} ${state} ${s.mode.padEnd(8)} ${s.address}${detail}`);
  }
  return statuses.every((s) => s.up);
}

async function main([command, ...rest]: string[]): Promise<number> {
  const which = parseEngines(rest);
  switch (command) {
    case 'up': {
      const { startedByUs } = await ensureEngines(which);
      console.log(startedByUs.length ? `started: ${startedByUs.join(', ')}` : 'already up: nothing started');
      await printStatus(which);
      return 0;
    }
    case 'down':
      await stopEngines(which);
      await printStatus(which);
      return 0;
    case 'status':
      return (await printStatus(which)) ? 0 : 3;
    default:
      console.error(usage);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`infra: ${error.message}`);
    process.exit(1);
  },
);
