import { waitFor } from '@xp/kafka/testing';
import { startConfigService, type ConfigServiceHarness } from './testing/config-service-harness';
import { booleanFlag, segment } from './testing/fixtures';
import { PrivatePostgres } from './testing/private-postgres';

const unavailable = { status: 503, retryAfter: '2', body: { error: { code: 'postgres_unavailable', message: 'PostgreSQL is unavailable; retry later', details: { retriable: true, engine: 'postgres' } } } };

describe('config-service while PostgreSQL is stopped (a private real PostgreSQL, stopped and started again)', () => {
  let postgres: PrivatePostgres;
  let svc: ConfigServiceHarness;

  beforeAll(async () => {
    postgres = await PrivatePostgres.create();
    await postgres.start();
    svc = await startConfigService({ databaseUrl: postgres.databaseUrl() });
  });

  afterAll(async () => {
    await svc?.close().catch(() => undefined);
    await postgres?.destroy();
  });

  it('answers writes and reads with 503 postgres_unavailable, applies nothing, and recovers without a restart', async () => {
    expect((await svc.request('POST', '/v1/segments', { body: segment('beta') })).status).toBe(201);
    const flag = await svc.request('POST', '/v1/flags', { body: booleanFlag('before') });
    expect(flag.status).toBe(201);

    await postgres.stop();

    const during = [
      await svc.request('POST', '/v1/flags', { body: booleanFlag('during') }),
      await svc.request('PUT', '/v1/flags/before', { body: booleanFlag('before', { description: 'changed' }), headers: { 'if-match': '"1"' } }),
      await svc.request('DELETE', '/v1/segments/beta', { headers: { 'if-match': '"1"' } }),
      await svc.request('POST', '/v1/flags/before/kill-switch', { body: { enabled: true, expectedVersion: 1 } }),
      await svc.request('GET', '/v1/flags'),
      await svc.request('GET', '/v1/flags/before'),
      await svc.request('GET', '/v1/audit?stream=flag:before'),
    ];
    for (const reply of during) expect({ status: reply.status, retryAfter: reply.retryAfter, body: reply.body }).toEqual(unavailable);
    const ready = await svc.request('GET', '/health/ready');
    expect(ready.status).toBe(503);

    await postgres.start();

    // The pool drops the connections the shutdown broke and opens new ones: the same process serves again.
    await waitFor('config-service ready again', async () => (await svc.request('GET', '/health/ready')).status === 200, { timeoutMs: 60_000, intervalMs: 250 });
    const after = await svc.request('POST', '/v1/flags', { body: booleanFlag('after', { rules: [{ id: 'r', conditions: [{ attribute: 'u', operator: 'inSegment', values: ['beta'] }], weights: [{ variant: 'on', weight: 10_000 }] }] }) });
    expect(after.status).toBe(201);
    expect((await svc.request('GET', '/v1/flags/during')).status).toBe(404);
    const before = await svc.request('GET', '/v1/flags/before');
    expect([before.status, before.body.version, before.body.description, before.body.enabled]).toEqual([200, 1, 'test flag', false]);
    expect((await svc.request('GET', '/v1/segments/beta')).body).toMatchObject({ key: 'beta', version: 1 });
    expect((await svc.request('GET', '/v1/flags')).body.items.map((f: { key: string }) => f.key)).toEqual(['after', 'before']);
  });
});
