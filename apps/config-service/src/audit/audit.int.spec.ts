import { ALICE_KEY, startConfigService, type ConfigServiceHarness } from '../testing/config-service-harness';
import { booleanFlag, segment } from '../testing/fixtures';

describe('audit: who, when, why and what changed (real PostgreSQL and Kafka)', () => {
  let svc: ConfigServiceHarness;

  beforeAll(async () => {
    svc = await startConfigService();
  });

  afterAll(async () => {
    await svc?.close();
  });

  it('lists a change newest first with the key name as actor, the comment and a field-level diff', async () => {
    await svc.request('POST', '/v1/flags', { body: { ...booleanFlag('audited'), comment: 'for the checkout test' }, key: ALICE_KEY });
    const put = await svc.request('PUT', '/v1/flags/audited', {
      body: booleanFlag('audited', { description: 'now described' }),
      headers: { 'if-match': '"1"', 'x-change-comment': 'describe it' },
      key: ALICE_KEY,
    });
    expect(put.status).toBe(200);
    expect(put.body).not.toHaveProperty('comment');
    await svc.request('POST', '/v1/flags/audited/kill-switch', { body: { enabled: true, expectedVersion: 2 } });

    const { status, body } = await svc.request('GET', '/v1/audit?entityType=flag&key=audited', { key: 'test-reader-key' });
    expect(status).toBe(200);
    expect(body.items.map((i: { version: number }) => i.version)).toEqual([3, 2, 1]);
    const [kill, update, create] = body.items;
    expect(update).toMatchObject({
      entityType: 'flag',
      key: 'audited',
      eventType: 'FlagUpdated',
      actor: 'alice',
      comment: 'describe it',
      diff: [{ path: 'description', after: 'now described' }],
    });
    expect(kill.comment).toBeNull();
    expect(kill.diff).toEqual([{ path: 'environments.production.enabled', before: false, after: true }]);
    expect(create).toMatchObject({ actor: 'alice', comment: 'for the checkout test' });
    expect(create.diff).toEqual(expect.arrayContaining([{ path: 'key', after: 'audited' }]));
    const stored = await svc.sql<{ comment: string | null }>("select comment from events where stream_id = 'flag:audited' order by version");
    expect(stored.map((r) => r.comment)).toEqual(['for the checkout test', 'describe it', null]);
  });

  it('filters by actor and by time, and pages newest first with nextBefore', async () => {
    const start = new Date().toISOString();
    for (const key of ['paged-a', 'paged-b', 'paged-c']) await svc.request('POST', '/v1/segments', { body: segment(key), key: ALICE_KEY });
    await svc.request('DELETE', '/v1/segments/paged-a', { headers: { 'if-match': '"1"' } });

    const first = await svc.request('GET', `/v1/audit?actor=alice&entityType=segment&from=${start}&limit=2`);
    expect(first.body.items.map((i: { key: string }) => i.key)).toEqual(['paged-c', 'paged-b']);
    const second = await svc.request('GET', `/v1/audit?actor=alice&entityType=segment&from=${start}&limit=2&before=${first.body.nextBefore}`);
    expect(second.body.items.map((i: { key: string }) => i.key)).toEqual(['paged-a']);
    expect(second.body).not.toHaveProperty('nextBefore');

    const archived = await svc.request('GET', '/v1/audit?stream=segment:paged-a&limit=1');
    expect(archived.body.items[0]).toMatchObject({ eventType: 'SegmentArchived', diff: [{ path: 'archived', after: true }] });
    const later = await svc.request('GET', `/v1/audit?from=${new Date(Date.now() + 60_000).toISOString()}`);
    expect(later.body.items).toEqual([]);
    const early = await svc.request('GET', `/v1/audit?entityType=segment&actor=alice&to=${start}`);
    expect(early.body.items).toEqual([]);
  });

  it('refuses a bad filter or comment with 400', async () => {
    expect((await svc.request('GET', '/v1/audit?from=yesterday')).body.error).toMatchObject({ code: 'validation_failed' });
    expect((await svc.request('GET', '/v1/audit?after=1&before=5')).status).toBe(400);
    const comment = 'x'.repeat(501);
    const refused = await svc.request('POST', '/v1/flags', { body: booleanFlag('long-comment'), headers: { 'x-change-comment': comment } });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'invalid_comment' });
  });
});
