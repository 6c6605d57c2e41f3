// xp: analysts' command line. `xp <area> <command>` reads one JSON object on stdin and prints one
// JSON object on stdout (errors too, as {"error": {...}}, with a non-zero exit code).
// `xp sql` queries the platform's ClickHouse through analysis-service (sql/sql-command.ts); `xp import`
// brings flags over from Unleash and GrowthBook (import/import-command.ts); `xp flags|segments|metrics|
// experiments|rollouts <verb>` administers the platform (admin/admin-command.ts); `xp export` and
// `xp import xp.yaml` keep the whole configuration as code (config-as-code/config-command.ts).
import { readFile } from 'node:fs/promises';
import { areas } from './areas';
import { runCli } from './run-cli';
import { CliError } from './cli-error';
import { runConfigCommand } from './config-as-code/config-command';
import { runAdmin } from './admin/admin-command';
import { isAdminArea } from './admin/admin-options';
import { runImport } from './import/import-command';
import { runSqlCommand } from './sql/sql-command';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const args = process.argv.slice(2);
const peerImport = args[0] === 'import' && (args[1] === 'unleash' || args[1] === 'growthbook');
if (peerImport || args[0] === 'import' || args[0] === 'export' || args[0] === 'schema') {
  const io = { env: process.env, out: (text: string) => void process.stdout.write(text) };
  (peerImport ? runImport(args.slice(1), io) : runConfigCommand(args, io)).then(
    (code) => (process.exitCode = code),
    (error: Error) => {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = error instanceof CliError && error.code === 'USAGE' ? 2 : 1;
    },
  );
} else if (isAdminArea(args[0])) {
  const io = {
    env: process.env,
    out: (text: string) => process.stdout.write(text),
    err: (text: string) => process.stderr.write(text),
    readInput: (path: string) => (path === '-' ? readStdin() : readFile(path, 'utf8')),
  };
  void runAdmin(args, io).then((code) => (process.exitCode = code));
} else if (args[0] === 'sql') {
  void runSqlCommand(args.slice(1)).then((code) => (process.exitCode = code));
} else {
  void readStdin().then((stdin) => {
    const { exitCode, output } = runCli(args, stdin, areas);
    process.stdout.write(`${JSON.stringify(output)}\n`);
    process.exitCode = exitCode;
  });
}
