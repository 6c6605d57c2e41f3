import { freePort, ServiceProcess } from '@xp/platform/testing';

/**
 * The real assignment-service in its own process (as `npm start` runs it) on a topic prefix, so a test
 * drives the whole path client -> assignment-service -> Kafka -> this service's ingestion -> ClickHouse.
 */
export class AssignmentServiceProcess {
  private process?: ServiceProcess;
  url = '';

  constructor(private readonly env: Record<string, string>) {}

  async start(): Promise<void> {
    const port = await freePort();
    this.url = `http://127.0.0.1:${port}`;
    const env = { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', API_KEYS: '', ...this.env };
    this.process = new ServiceProcess('assignment-service', 'apps/assignment-service/src/main.ts', [], env, 5000);
    await this.process.waitUntilReady(this.url);
  }

  async stop(): Promise<void> {
    await this.process?.stop();
    this.process = undefined;
  }
}
