import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { waitFor } from '@xp/kafka/testing';

const repoRoot = join(__dirname, '..', '..', '..', '..');

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

/** The real config-service in its own process, so that tests can take it away and bring it back on the same port. */
export class ConfigServiceProcess {
  private child?: ChildProcess;
  private output = '';
  readonly url: string;

  constructor(
    private readonly port: number,
    private readonly databaseUrl: string,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(repoRoot, 'apps/config-service/src/main.ts')], {
      cwd: repoRoot,
      env: { ...process.env, PORT: String(this.port), HOST: '127.0.0.1', DATABASE_URL: this.databaseUrl, LOG_LEVEL: 'warn', API_KEYS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d) => (this.output = (this.output + String(d)).slice(-5000)));
    child.stderr?.on('data', (d) => (this.output = (this.output + String(d)).slice(-5000)));
    this.child = child;
    try {
      await waitFor(
        'config-service ready',
        async () => {
          if (child.exitCode !== null) throw new Error(`config-service exited with ${child.exitCode}: ${this.output}`);
          return fetch(`${this.url}/health/ready`).then((r) => r.ok, () => false);
        },
        { timeoutMs: 60_000, intervalMs: 250 },
      );
    } catch (err) {
      await this.stop();
      throw err;
    }
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
