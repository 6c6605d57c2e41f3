import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The repository's root, where services' entry files are found. */
export const repoRoot = join(__dirname, '..', '..', '..', '..');

/** A TCP port that was free a moment ago (the OS picks it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

/**
 * One service (or tool) run as a user would: `node -r @swc-node/register <entry>` from the
 * repository's root, its output kept for failure reports. Started when constructed.
 */
export class ServiceProcess {
  private readonly child: ChildProcess;
  private output = '';
  readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    entry: string,
    args: string[],
    env: Record<string, string | undefined>,
    private readonly keepChars = 20_000,
  ) {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(repoRoot, entry), ...args], {
      cwd: repoRoot,
      env: env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (data: Buffer) => (this.output = (this.output + data.toString('utf8')).slice(-this.keepChars));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    this.child = child;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** How the process ended (`code 1`, `signal SIGABRT`); undefined while it runs. */
  get exitDescription(): string | undefined {
    if (this.child.signalCode !== null) return `signal ${this.child.signalCode}`;
    return this.child.exitCode === null ? undefined : `code ${this.child.exitCode}`;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get log(): string {
    return this.output;
  }

  /** Resolves once `GET <url>/health/ready` answers 2xx; fails at once if the process exits, or after `timeoutMs`. */
  async waitUntilReady(url: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running) throw new Error(`${this.name} exited with ${this.exitDescription}: ${this.output}`);
      if (await fetch(`${url}/health/ready`).then((r) => r.ok, () => false)) return;
      if (Date.now() > deadline) throw new Error(`${this.name} not ready at ${url} within ${timeoutMs} ms: ${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** A signal now (a crash test's SIGKILL), without waiting. */
  kill(signal: NodeJS.Signals): void {
    if (this.running) this.child.kill(signal);
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
