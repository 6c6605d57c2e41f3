// xp: analysts' command line. `xp <area> <command>` reads one JSON object on stdin and prints one
// JSON object on stdout (errors too, as {"error": {...}}, with a non-zero exit code).
import { areas } from './areas';
import { runCli } from './run-cli';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

void readStdin().then((stdin) => {
  const { exitCode, output } = runCli(process.argv.slice(2), stdin, areas);
  process.stdout.write(`${JSON.stringify(output)}\n`);
  process.exitCode = exitCode;
});
