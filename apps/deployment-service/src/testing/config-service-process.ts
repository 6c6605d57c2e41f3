import { ServiceProcess } from '@xp/platform/testing';

export { freePort } from '@xp/platform/testing';

/** The real config-service in its own process, so that tests can take it away and bring it back on the same port. */
export class ConfigServiceProcess {
  private process?: ServiceProcess;
  readonly url: string;

  constructor(
    private readonly port: number,
    private readonly databaseUrl: string,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    const env = { ...process.env, PORT: String(this.port), HOST: '127.0.0.1', DATABASE_URL: this.databaseUrl, LOG_LEVEL: 'warn', API_KEYS: '' };
    this.process = new ServiceProcess('config-service', 'apps/config-service/src/main.ts', [], env, 5000);
    try {
      await this.process.waitUntilReady(this.url);
    } catch (err) {
      await this.stop();
      throw err;
    }
  }

  async stop(): Promise<void> {
    await this.process?.stop();
    this.process = undefined;
  }
}
