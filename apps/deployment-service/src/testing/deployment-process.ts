import { ServiceProcess } from '@xp/platform/testing';

/** deployment-service in its own process (main.ts, configured by environment only), so that a test can SIGKILL it. */
export class DeploymentProcess {
  private process?: ServiceProcess;
  readonly url: string;

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  get output(): string {
    return this.process?.log ?? '';
  }

  /** Spawns it and returns at once; callers poll its HTTP API. */
  spawn(): void {
    const env = { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', API_KEYS: '', ...this.env, PORT: String(this.port) };
    this.process = new ServiceProcess('deployment-service', 'apps/deployment-service/src/main.ts', [], env, 5000);
  }

  get exited(): boolean {
    return !this.process?.running;
  }

  /** Ends it without any shutdown hook (no LeaveGroup: the group keeps the dead member until its session expires). */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const running = this.process;
    if (!running?.running) return;
    running.kill(signal);
    const timer = setTimeout(() => running.kill('SIGKILL'), 10_000);
    await running.exited;
    clearTimeout(timer);
  }
}
