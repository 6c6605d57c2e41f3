import { uniqueTopic } from '@xp/kafka/testing';
import { bootstrapService, loadConfig, type RunningService } from '@xp/platform';
import { createTestDatabase, type TestDatabase } from '@xp/postgres/testing';
import { Client } from 'pg';
import { AppModule } from '../app.module';

export const ADMIN_KEY = 'test-admin-key';
export const READER_KEY = 'test-reader-key';
/** An admin key named alice: her changes carry actor 'alice'. */
export const ALICE_KEY = 'alice-admin-key';

export interface Reply {
  status: number;
  etag: string | null;
  /** Only when the answer carries Retry-After. */
  retryAfter?: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON
}

export interface ConfigServiceHarness {
  url: string;
  db: TestDatabase;
  request(method: string, path: string, options?: { body?: unknown; rawBody?: string; headers?: Record<string, string>; key?: string | null }): Promise<Reply>;
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** A database the test owns elsewhere (e.g. on a private server): used as it is, never dropped. */
const givenDatabase = (url: string): TestDatabase => ({ name: new URL(url).pathname.slice(1), url, drop: async () => undefined });

/** config-service on port 0 over a fresh database (or `databaseUrl`), with the real Kafka from the environment. */
export async function startConfigService(options: { databaseUrl?: string } = {}): Promise<ConfigServiceHarness> {
  const db = options.databaseUrl ? givenDatabase(options.databaseUrl) : await createTestDatabase('xp_config_test');
  const config = loadConfig('config-service', {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    LOG_LEVEL: 'silent',
    API_KEYS: `admin:${ADMIN_KEY},reader:${READER_KEY},admin:alice:${ALICE_KEY}`,
    // The relay runs in every test app: keep test events off the real xp.config.events.
    CONFIG_EVENTS_TOPIC: process.env.CONFIG_EVENTS_TOPIC ?? uniqueTopic('config-events'),
  });
  const service: RunningService = await bootstrapService(AppModule.forRoot(config), config);
  const client = new Client({ connectionString: db.url });
  // Outage tests stop the server under it; the next query reports that, not an unhandled 'error' event.
  client.on('error', () => undefined);
  await client.connect();
  return {
    url: service.url,
    db,
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      const key = options.key === undefined ? ADMIN_KEY : options.key;
      if (key !== null) headers.authorization = `Bearer ${key}`;
      const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
      if (body !== undefined) headers['content-type'] ??= 'application/json';
      const res = await fetch(`${service.url}${path}`, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text.length > 0 ? JSON.parse(text) : undefined;
      } catch {
        // Not JSON: tests assert on that.
      }
      const retryAfter = res.headers.get('retry-after');
      return { status: res.status, etag: res.headers.get('etag'), ...(retryAfter === null ? {} : { retryAfter }), body: parsed };
    },
    async sql(text, params = []) {
      return (await client.query(text, params)).rows;
    },
    async close() {
      await client.end();
      await service.close();
      await db.drop();
    },
  };
}
