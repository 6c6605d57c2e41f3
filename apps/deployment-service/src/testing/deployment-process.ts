import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..', '..', '..');

/** deployment-service in its own process (main.ts, configured by environment only), so that a test can SIGKILL it. */
export class DeploymentProcess {
  private child?: ChildProcess;
  output = '';
  readonly url: string;

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  /** Spawns it and returns at once; callers poll its HTTP API. */
  spawn(): void {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(repoRoot, 'apps/deployment-service/src/main.ts')], {
      cwd: repoRoot,
      env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', API_KEYS: '', ...this.env, PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d) => (this.output = (this.output + String(d)).slice(-5000)));
    child.stderr?.on('data', (d) => (this.output = (this.output + String(d)).slice(-5000)));
    this.child = child;
  }

  get exited(): boolean {
    return !this.child || this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** Ends it without any shutdown hook (no LeaveGroup: the group keeps the dead member until its session expires). */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
