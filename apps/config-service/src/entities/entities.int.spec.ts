import { startConfigService, type ConfigServiceHarness } from '../testing/config-service-harness';
import { booleanFlag, experiment, metric, segment } from '../testing/fixtures';

describe('config-service entities (real PostgreSQL and Kafka)', () => {
  let svc: ConfigServiceHarness;

  beforeAll(async () => {
    svc = await startConfigService();
  });

  afterAll(async () => {
    await svc?.close();
  });

  it('creates a flag with version 1 and an ETag, and serves it back', async () => {
    const created = await svc.request('POST', '/v1/flags', { body: booleanFlag('create-me') });
    expect(created.status).toBe(201);
    expect(created.etag).toBe('"1"');
    expect(created.body).toMatchObject({ key: 'create-me', version: 1, enabled: false, prerequisites: [] });
    const read = await svc.request('GET', '/v1/flags/create-me', { key: 'test-reader-key' });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('answers 304 with no body to If-None-Match naming the current version, and 200 once it changed', async () => {
    await svc.request('POST', '/v1/flags', { body: booleanFlag('cached') });
    const unchanged = await svc.request('GET', '/v1/flags/cached', { headers: { 'if-none-match': '"1"' } });
    expect(unchanged).toEqual({ status: 304, etag: '"1"', body: undefined });
    await svc.request('PUT', '/v1/flags/cached', { body: booleanFlag('cached', { description: 'new' }), headers: { 'if-match': '"1"' } });
    const changed = await svc.request('GET', '/v1/flags/cached', { headers: { 'if-none-match': 'W/"1"' } });
    expect(changed.status).toBe(200);
    expect(changed.etag).toBe('"2"');
    expect(changed.body).toMatchObject({ key: 'cached', version: 2, description: 'new' });
    expect((await svc.request('GET', '/v1/flags/missing-one', { headers: { 'if-none-match': '*' } })).status).toBe(404);
  });

  it('lets exactly one of two concurrent updates with the same expected version succeed', async () => {
    await svc.request('POST', '/v1/flags', { body: booleanFlag('contended') });
    const update = (description: string) =>
      svc.request('PUT', '/v1/flags/contended', { body: booleanFlag('contended', { description }), headers: { 'if-match': '"1"' } });
    const replies = await Promise.all([update('first'), update('second')]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(replies.find((r) => r.status === 409)?.body.error.code).toBe('version_conflict');
    const [{ count }] = await svc.sql<{ count: number }>(`select count(*)::int as count from events where stream_id = 'flag:contended'`);
    expect(count).toBe(2);
    const winner = replies.find((r) => r.status === 200)?.body.description;
    expect((await svc.request('GET', '/v1/flags/contended')).body).toMatchObject({ version: 2, description: winner });
  });

  it('returns the earlier state with ?at= and 404 before the entity existed', async () => {
    await svc.request('POST', '/v1/segments', { body: segment('travellers') });
    await svc.request('PUT', '/v1/segments/travellers', {
      body: segment('travellers', { description: 'second' }),
      headers: { 'if-match': '"1"' },
    });
    const audit = await svc.request('GET', '/v1/audit?stream=segment:travellers&after=0');
    const firstAt = audit.body.items[0].occurredAt as string;
    expect(audit.body.items.map((i: { eventType: string }) => i.eventType)).toEqual(['SegmentCreated', 'SegmentUpdated']);
    const then = await svc.request('GET', `/v1/segments/travellers?at=${encodeURIComponent(firstAt)}`);
    expect(then.status).toBe(200);
    expect(then.body).toMatchObject({ version: 1, description: '' });
    expect((await svc.request('GET', '/v1/segments/travellers')).body).toMatchObject({ version: 2, description: 'second' });
    const before = await svc.request('GET', `/v1/segments/travellers?at=${encodeURIComponent(new Date(Date.parse(firstAt) - 60_000).toISOString())}`);
    expect(before.status).toBe(404);
  });

  it('returns every list as it was with ?at= (archived ones too with includeArchived), and 400 for a bad time or an unknown parameter', async () => {
    await svc.request('POST', '/v1/segments', { body: segment('listed-early') });
    const audit = await svc.request('GET', '/v1/audit?stream=segment:listed-early&after=0');
    const createdAt = audit.body.items[0].occurredAt as string;
    await svc.request('POST', '/v1/segments', { body: segment('listed-later') });
    await svc.request('DELETE', '/v1/segments/listed-early', { headers: { 'if-match': '"1"' } });
    const keysOf = (reply: { body: { items: Array<{ key: string }> } }) => reply.body.items.map((i) => i.key).filter((k) => k.startsWith('listed-'));

    const then = await svc.request('GET', `/v1/segments?at=${encodeURIComponent(createdAt)}`);
    expect(then.status).toBe(200);
    expect(keysOf(then)).toEqual(['listed-early']);
    expect(then.body.items.find((i: { key: string }) => i.key === 'listed-early')).toMatchObject({ version: 1 });
    expect(keysOf(await svc.request('GET', '/v1/segments'))).toEqual(['listed-later']);
    expect(keysOf(await svc.request('GET', `/v1/segments?includeArchived=true&at=${encodeURIComponent(new Date().toISOString())}`))).toEqual(['listed-early', 'listed-later']);
    const before = await svc.request('GET', `/v1/segments?at=${encodeURIComponent(new Date(Date.parse(createdAt) - 60_000).toISOString())}`);
    expect(keysOf(before)).toEqual([]);

    expect((await svc.request('GET', '/v1/flags?at=yesterday')).body.error.code).toBe('invalid_time');
    const unknown = await svc.request('GET', '/v1/flags?asOf=2024-01-01T00:00:00Z');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('asOf');
    expect((await svc.request('GET', '/v1/flags?includeArchived=yes')).status).toBe(400);
    expect((await svc.request('GET', '/v1/audit?at=2024-01-01T00:00:00Z')).status).toBe(400);
  });

  it('refuses with 422 reference_cycle an update that would make prerequisites loop, and writes nothing', async () => {
    await svc.request('POST', '/v1/flags', { body: booleanFlag('loop-a') });
    const b = await svc.request('POST', '/v1/flags', { body: booleanFlag('loop-b', { prerequisites: [{ flagKey: 'loop-a', variants: ['on'] }] }) });
    expect(b.status).toBe(201);
    const closing = await svc.request('PUT', '/v1/flags/loop-a', {
      body: booleanFlag('loop-a', { prerequisites: [{ flagKey: 'loop-b', variants: ['on'] }] }),
      headers: { 'if-match': '"1"' },
    });
    expect(closing.status).toBe(422);
    expect(closing.body.error.code).toBe('reference_cycle');
    expect(closing.body.error.details.issues).toEqual([
      { path: 'prerequisites.0.flagKey', message: 'prerequisite cycle: loop-a -> loop-b -> loop-a', cycle: ['loop-a', 'loop-b', 'loop-a'] },
    ]);
    expect((await svc.request('GET', '/v1/flags/loop-a')).body).toMatchObject({ version: 1, prerequisites: [] });
  });

  it('runs an experiment through its lifecycle and names the allowed moves on an illegal one', async () => {
    await svc.request('POST', '/v1/flags', { body: booleanFlag('checkout') });
    await svc.request('POST', '/v1/metrics', { body: metric('purchase') });
    const created = await svc.request('POST', '/v1/experiments', { body: experiment('new-checkout', 'checkout', 'purchase') });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('draft');
    const start = await svc.request('POST', '/v1/experiments/new-checkout/start', { headers: { 'if-match': '"1"' } });
    expect(start.body).toMatchObject({ status: 'running', version: 2 });
    const conclude = await svc.request('POST', '/v1/experiments/new-checkout/conclude', { body: { winner: 'on', expectedVersion: 2 } });
    expect(conclude.status).toBe(409);
    expect(conclude.body.error.code).toBe('illegal_transition');
    expect(conclude.body.error.details.allowed).toEqual(['pause']);
    await svc.request('POST', '/v1/experiments/new-checkout/pause', { body: { expectedVersion: 2 } });
    const concluded = await svc.request('POST', '/v1/experiments/new-checkout/conclude', { body: { winner: 'on', expectedVersion: 3 } });
    expect(concluded.body).toMatchObject({ status: 'concluded', winner: 'on', version: 4 });
    const archived = await svc.request('POST', '/v1/experiments/new-checkout/archive', { headers: { 'if-match': '"4"' } });
    expect(archived.body).toMatchObject({ status: 'archived', archived: true, version: 5 });
    const [event] = await svc.sql<{ payload: unknown }>(`select payload from events where stream_id = 'experiment:new-checkout' and version = 5`);
    expect(event.payload).toEqual({ state: null });
  });

  it('applies a rollout decision once and answers the same decision id with applied:false', async () => {
    await svc.request('POST', '/v1/experiments', { body: experiment('ramp', 'checkout', 'purchase', { layer: { key: 'ramp-layer', start: 0, end: 5000 } }) });
    await svc.request('POST', '/v1/experiments/ramp/start', { headers: { 'if-match': '"1"' } });
    const command = { decisionId: 'decision-1', reason: 'guardrails healthy', stageIndex: 2 };
    const first = await svc.request('POST', '/v1/experiments/ramp/rollout', { body: command });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ applied: true, experiment: { currentStageIndex: 2, version: 3 } });
    const again = await svc.request('POST', '/v1/experiments/ramp/rollout', { body: command });
    expect(again.body).toMatchObject({ applied: false, experiment: { currentStageIndex: 2, version: 3 } });
    const [event] = await svc.sql<{ payload: Record<string, unknown> }>(`select payload from events where stream_id = 'experiment:ramp' and version = 3`);
    expect(event.payload).toMatchObject({ decisionId: 'decision-1', reason: 'guardrails healthy', previous: { stageIndex: 0, percentage: 1 } });
  });

  it('flips the kill switch and records who did it', async () => {
    await svc.request('POST', '/v1/flags', { body: booleanFlag('killable') });
    const on = await svc.request('POST', '/v1/flags/killable/kill-switch', { body: { enabled: true, expectedVersion: 1 } });
    expect(on.body).toMatchObject({ enabled: true, version: 2 });
    const audit = await svc.request('GET', '/v1/audit?stream=flag:killable&after=0');
    expect(audit.body.items[1]).toMatchObject({ eventType: 'FlagKillSwitchChanged', actor: 'admin-1', version: 2 });
  });

  it('stores SQL-looking text verbatim as data', async () => {
    const hostile = "x'); delete from events; --";
    const created = await svc.request('POST', '/v1/segments', {
      body: segment('sql-text', { description: hostile, conditions: [{ attribute: 'name', operator: 'eq', values: [hostile] }] }),
    });
    expect(created.status).toBe(201);
    const read = await svc.request('GET', '/v1/segments/sql-text');
    expect(read.body).toMatchObject({ description: hostile, conditions: [{ values: [hostile] }] });
  });

  it('lists live entities and, on request, archived ones too', async () => {
    await svc.request('POST', '/v1/metrics', { body: metric('retired') });
    await svc.request('DELETE', '/v1/metrics/retired', { headers: { 'if-match': '"1"' } });
    const live = await svc.request('GET', '/v1/metrics', { key: 'test-reader-key' });
    expect(live.body.items.map((m: { key: string }) => m.key)).toEqual(['purchase']);
    const all = await svc.request('GET', '/v1/metrics?includeArchived=true');
    expect(all.body.items.map((m: { key: string; archived?: boolean }) => [m.key, m.archived ?? false])).toEqual([
      ['purchase', false],
      ['retired', true],
    ]);
  });

  it('rebuilds projections by replay into exactly the live rows', async () => {
    const snapshot = () => svc.sql(`select stream_type, key, version, state, archived, updated_at from entity_views order by stream_type, key`);
    const live = await snapshot();
    expect(live.length).toBeGreaterThan(4);
    const rebuilt = await svc.request('POST', '/v1/admin/projections/rebuild');
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.body.entities).toBe(live.length);
    expect(await snapshot()).toEqual(live);
  });

  it('serves the OpenAPI document with the flag routes', async () => {
    const res = await fetch(`${svc.url}/docs-json`);
    const doc = (await res.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/flags', '/v1/flags/{key}', '/v1/experiments/{key}/rollout', '/v1/audit']));
    const ui = await fetch(`${svc.url}/docs`);
    expect(ui.status).toBe(200);
    expect(ui.headers.get('content-type')).toContain('text/html');
  });
});
