import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { waitFor } from '@xp/kafka/testing';

const repoRoot = join(__dirname, '..', '..', '..', '..');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

/**
 * The real assignment-service in its own process (as `npm start` runs it) on a topic prefix, so a test
 * drives the whole path client -> assignment-service -> Kafka -> this service's ingestion -> ClickHouse.
 */
export class AssignmentServiceProcess {
  private child?: ChildProcess;
  private output = '';
  url = '';

  constructor(private readonly env: Record<string, string>) {}

  async start(): Promise<void> {
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    const env = { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', API_KEYS: '', ...this.env };
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(repoRoot, 'apps/assignment-service/src/main.ts')], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (d: Buffer) => (this.output = (this.output + d.toString('utf8')).slice(-5000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.child = child;
    await waitFor(
      'assignment-service ready',
      async () => {
        if (child.exitCode !== null) throw new Error(`assignment-service exited with ${child.exitCode}: ${this.output}`);
        return fetch(`${this.url}/health/ready`).then((r) => r.ok, () => false);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
