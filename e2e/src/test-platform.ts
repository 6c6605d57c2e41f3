import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@xp/kafka/testing';
import { createTestDatabase, type TestDatabase } from '@xp/postgres/testing';
import { freePort, ServiceProcess } from '@xp/platform/testing';

export { freePort };

export interface TestPlatformUrls {
  config: string;
  assignment: string;
  analysis: string;
  deployment: string;
}

/** Variables a developer's shell may carry that would point a service elsewhere. */
const SCRUBBED = ['DATABASE_URL', 'CLICKHOUSE_URL', 'CLICKHOUSE_PATH', 'CONFIG_EVENTS_TOPIC', 'API_KEYS', 'PORT', 'CONFIG_SERVICE_URL', 'WEBHOOK_URLS'];

/**
 * The four services as child processes on free ports, isolated from any other platform on the same
 * engines: own topic prefix (topics and consumer groups), fresh databases, own ClickHouse directory.
 */
export class TestPlatform {
  readonly topicPrefix = `e2e-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}.`;
  readonly services: ServiceProcess[] = [];
  private readonly databases: TestDatabase[] = [];
  private clickhouseDir?: string;
  urls!: TestPlatformUrls;

  /** Starts the four services, or only those named in `services` (e.g. config and assignment). */
  async start(options: { analysisIntervalMs: number; readyTimeoutMs: number; services?: ReadonlyArray<keyof TestPlatformUrls> }): Promise<void> {
    const wanted = new Set<keyof TestPlatformUrls>(options.services ?? ['config', 'assignment', 'analysis', 'deployment']);
    const [configDb, deploymentDb] = [await createTestDatabase('xp_e2e_config'), await createTestDatabase('xp_e2e_deployment')];
    this.databases.push(configDb, deploymentDb);
    this.clickhouseDir = mkdtempSync(join(tmpdir(), 'xp-e2e-clickhouse-'));
    const ports = { config: await freePort(), assignment: await freePort(), analysis: await freePort(), deployment: await freePort() };
    const url = (port: number) => `http://127.0.0.1:${port}`;
    this.urls = { config: url(ports.config), assignment: url(ports.assignment), analysis: url(ports.analysis), deployment: url(ports.deployment) };

    const base: Record<string, string | undefined> = { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', KAFKA_TOPIC_PREFIX: this.topicPrefix };
    for (const name of SCRUBBED) delete base[name];
    const start = (name: string, env: Record<string, string>) => {
      if (wanted.has(name.replace('-service', '') as keyof TestPlatformUrls)) this.services.push(new ServiceProcess(name, `apps/${name}/src/main.ts`, [], { ...base, ...env }));
    };
    start('config-service', { PORT: String(ports.config), DATABASE_URL: configDb.url });
    start('assignment-service', { PORT: String(ports.assignment) });
    start('analysis-service', { PORT: String(ports.analysis), CLICKHOUSE_PATH: this.clickhouseDir, ANALYSIS_INTERVAL_MS: String(options.analysisIntervalMs) });
    start('deployment-service', { PORT: String(ports.deployment), DATABASE_URL: deploymentDb.url, CONFIG_SERVICE_URL: this.urls.config });

    await waitFor(
      `${[...wanted].join(', ')} to answer /health/ready with 200`,
      async () => {
        const dead = this.services.find((s) => !s.running);
        if (dead) throw new Error(`${dead.name} exited during start-up:\n${dead.log}`);
        const ready = await Promise.all(
          [...wanted].map((name) => this.urls[name]).map((u) => fetch(`${u}/health/ready`, { signal: AbortSignal.timeout(2000) }).then((r) => r.status === 200, () => false)),
        );
        return ready.every(Boolean);
      },
      { timeoutMs: options.readyTimeoutMs, intervalMs: 500 },
    );
  }

  /** Output of every service, for a failing test's message. */
  logs(): string {
    return this.services.map((s) => `----- ${s.name} -----\n${s.log.slice(-4000)}`).join('\n');
  }

  /** Stops every child (SIGTERM then SIGKILL), then drops the databases and the ClickHouse directory. */
  async stop(): Promise<void> {
    await Promise.all(this.services.map((s) => s.stop()));
    await Promise.all(this.databases.map((db) => db.drop().catch(() => undefined)));
    if (this.clickhouseDir) rmSync(this.clickhouseDir, { recursive: true, force: true });
  }
}
