import { uniqueTopic, waitFor } from '@xp/kafka/testing';
import { bootstrapService, loadConfig, type RunningService } from '@xp/platform';
import { createTestDatabase, type TestDatabase } from '@xp/postgres';
import { Client } from 'pg';
import { AppModule } from './app.module';

describe('config-service shell (real Kafka and PostgreSQL)', () => {
  let db: TestDatabase;
  let service: RunningService;

  beforeAll(async () => {
    db = await createTestDatabase('xp_config_test');
    const config = loadConfig('config-service', {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: db.url,
      LOG_LEVEL: 'silent',
      CONFIG_EVENTS_TOPIC: uniqueTopic('config-events-shell'),
    });
    service = await bootstrapService(AppModule.forRoot(config), config);
  });

  afterAll(async () => {
    await service?.close();
    await db?.drop();
  });

  it('answers liveness', async () => {
    const res = await fetch(`${service.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('is ready with PostgreSQL and Kafka both up and the flag usage consumer in its group', async () => {
    // The consumer joins its group in the background, after HTTP listens.
    await waitFor('config-service ready', async () => (await fetch(`${service.url}/health/ready`)).status === 200, { timeoutMs: 60_000, intervalMs: 250 });
    const res = await fetch(`${service.url}/health/ready`);
    expect(await res.json()).toEqual({ status: 'ok', checks: { postgres: 'up', kafka: 'up', 'flag usage consumer': 'up' } });
    expect(res.status).toBe(200);
  });

  it('created the event store tables at start-up', async () => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `select table_name from information_schema.tables where table_schema = 'public' order by 1`,
      );
      expect(rows.map((r) => r.table_name)).toEqual(['entity_views', 'events', 'flag_usage', 'flag_usage_processed', 'migrations', 'processed_commands', 'relay_checkpoint']);
      await client.query(
        `insert into events (stream_id, stream_type, version, event_type, payload, actor) values ('flag:a', 'flag', 1, 'FlagCreated', '{}', 'test')`,
      );
      await expect(
        client.query(
          `insert into events (stream_id, stream_type, version, event_type, payload, actor) values ('flag:a', 'flag', 1, 'FlagUpdated', '{}', 'test')`,
        ),
      ).rejects.toThrow(/events_stream_version_unique/);
    } finally {
      await client.end();
    }
  });

  it('exposes Prometheus metrics including the HTTP request histogram', async () => {
    await fetch(`${service.url}/health`);
    const res = await fetch(`${service.url}/metrics`);
    const text = await res.text();
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(text).toMatch(/http_request_duration_seconds_count\{[^}]*method="GET",route="\/health",status="200"\} [1-9]/);
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('answers a malformed JSON body with a JSON 400', async () => {
    const res = await fetch(`${service.url}/health`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"unterminated": ',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('malformed_json');
  });

  it('answers a body over the size limit with a JSON 413', async () => {
    const res = await fetch(`${service.url}/health`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ padding: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
  });

  it('answers an unknown route with a JSON 404', async () => {
    const res = await fetch(`${service.url}/no-such-route`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'Cannot GET /no-such-route' } });
  });
});
