import { waitFor } from '@xp/kafka/testing';
import { createTestDatabase, type TestDatabase } from '@xp/postgres/testing';
import { ALICE_KEY, READER_KEY, startConfigService, type ConfigServiceHarness } from '../testing/config-service-harness';
import { booleanFlag } from '../testing/fixtures';

// Every service started here ticks its scheduler often, so a due schedule is seen promptly.
process.env.SCHEDULER_INTERVAL_MS = '100';

const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();
const killSwitch = (flagKey: string, enabled: boolean) => ({ kind: 'flag.kill-switch', flagKey, enabled });

async function statusOf(svc: ConfigServiceHarness, key: string): Promise<string> {
  return (await svc.request('GET', `/v1/schedules/${key}`)).body.status;
}

async function eventTypes(svc: ConfigServiceHarness, streamId: string): Promise<string[]> {
  const rows = await svc.sql<{ event_type: string }>('select event_type from events where stream_id = $1 order by version', [streamId]);
  return rows.map((r) => r.event_type);
}

/** A schedule due shortly after the others: once it is applied, the scheduler has run past their `at` too. */
async function passMarker(svc: ConfigServiceHarness, key: string, afterMs: number): Promise<void> {
  expect((await svc.request('POST', '/v1/flags', { body: booleanFlag(`${key}-flag`) })).status).toBe(201);
  const marker = await svc.request('POST', '/v1/schedules', { body: { key, at: inMs(afterMs), change: killSwitch(`${key}-flag`, false) } });
  expect(marker.status).toBe(201);
  await waitFor(`schedule ${key} applied`, async () => (await statusOf(svc, key)) === 'applied');
}

describe('scheduled changes (config-service on the real PostgreSQL)', () => {
  describe('across a restart', () => {
    let db: TestDatabase;
    let svc: ConfigServiceHarness | undefined;

    beforeAll(async () => {
      db = await createTestDatabase('xp_config_test');
    });

    afterAll(async () => {
      await svc?.close();
      await db.drop();
    });

    it('applies a schedule that came due while the service was stopped once, after the restart', async () => {
      svc = await startConfigService({ databaseUrl: db.url });
      expect((await svc.request('POST', '/v1/flags', { body: booleanFlag('night') })).status).toBe(201);
      const at = inMs(2_500);
      const created = await svc.request('POST', '/v1/schedules', {
        key: ALICE_KEY,
        body: { key: 'night-off', at, change: killSwitch('night', false) },
        headers: { 'x-change-comment': 'quiet hours' },
      });
      expect(created.status).toBe(201);
      expect(created.etag).toBe('"1"');
      expect(created.body).toEqual({ key: 'night-off', at, change: killSwitch('night', false), comment: 'quiet hours', status: 'pending', createdBy: 'alice', version: 1 });

      // Stopped before it is due; it comes due while no config-service runs.
      await svc.close();
      svc = undefined;
      await waitFor('the schedule to come due', () => Date.now() > Date.parse(at) + 200);

      svc = await startConfigService({ databaseUrl: db.url });
      await waitFor('schedule applied after the restart', async () => (await statusOf(svc!, 'night-off')) === 'applied');
      const flag = await svc.request('GET', '/v1/flags/night');
      expect(flag.body).toMatchObject({ enabled: false, version: 2 });
      const schedule = (await svc.request('GET', '/v1/schedules/night-off')).body;
      expect(schedule).toMatchObject({ status: 'applied', appliedVersion: 2, version: 2 });
      expect(Date.parse(schedule.appliedAt)).toBeGreaterThanOrEqual(Date.parse(at));
      const [change] = await svc.sql('select actor, comment from events where stream_id = $1 and version = 2', ['flag:night']);
      expect(change).toEqual({ actor: 'alice', comment: 'scheduled: night-off: quiet hours' });

      // Another restart and another pass of the scheduler: still applied exactly once.
      await svc.close();
      svc = await startConfigService({ databaseUrl: db.url });
      await passMarker(svc, 'restart-marker', 500);
      expect(await eventTypes(svc, 'flag:night')).toEqual(['FlagCreated', 'FlagKillSwitchChanged']);
      expect(await eventTypes(svc, 'schedule:night-off')).toEqual(['ScheduleCreated', 'ScheduleApplied']);
      expect((await svc.sql("select count(*)::int as n from events where event_type = 'ScheduleApplied' and stream_id = 'schedule:night-off'"))[0]).toEqual({ n: 1 });
    });
  });

  describe('two instances on one database', () => {
    let db: TestDatabase;
    let a: ConfigServiceHarness;
    let b: ConfigServiceHarness;

    beforeAll(async () => {
      db = await createTestDatabase('xp_config_test');
      a = await startConfigService({ databaseUrl: db.url });
      b = await startConfigService({ databaseUrl: db.url });
    });

    afterAll(async () => {
      await a?.close();
      await b?.close();
      await db?.drop();
    });

    it('apply each due schedule once', async () => {
      const keys = ['one', 'two', 'three', 'four'];
      for (const key of keys) expect((await a.request('POST', '/v1/flags', { body: booleanFlag(key) })).status).toBe(201);
      const at = inMs(1_500);
      for (const key of keys) {
        const body = { key: `replace-${key}`, at, expectedVersion: 1, change: { kind: 'flag.replace', flagKey: key, flag: booleanFlag(key, { description: 'scheduled' }) } };
        expect((await (key.length % 2 ? a : b).request('POST', '/v1/schedules', { body })).status).toBe(201);
      }
      for (const key of keys) await waitFor(`replace-${key} applied`, async () => (await statusOf(b, `replace-${key}`)) === 'applied');
      await passMarker(a, 'pair-marker', 300);
      for (const key of keys) {
        expect(await eventTypes(a, `flag:${key}`)).toEqual(['FlagCreated', 'FlagUpdated']);
        expect(await eventTypes(a, `schedule:replace-${key}`)).toEqual(['ScheduleCreated', 'ScheduleApplied']);
        expect((await b.request('GET', `/v1/flags/${key}`)).body).toMatchObject({ description: 'scheduled', version: 2 });
      }
    });
  });

  describe('one instance', () => {
    let svc: ConfigServiceHarness;

    beforeAll(async () => {
      svc = await startConfigService();
    });

    afterAll(async () => {
      await svc?.close();
    });

    it('never applies a cancelled schedule, and cancels only while pending', async () => {
      expect((await svc.request('POST', '/v1/flags', { body: booleanFlag('keep') })).status).toBe(201);
      const created = await svc.request('POST', '/v1/schedules', { body: { key: 'never', at: inMs(1_000), change: killSwitch('keep', false) } });
      expect(created.status).toBe(201);
      expect((await svc.request('POST', '/v1/schedules/never/cancel')).body.error.code).toBe('expected_version_required');
      expect((await svc.request('POST', '/v1/schedules/never/cancel', { headers: { 'if-match': '"7"' } })).status).toBe(409);
      const cancelled = await svc.request('POST', '/v1/schedules/never/cancel', { headers: { 'if-match': '"1"', 'x-change-comment': 'not tonight' } });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', version: 2 });
      const again = await svc.request('POST', '/v1/schedules/never/cancel', { headers: { 'if-match': '"2"' } });
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ code: 'not_pending', details: { status: 'cancelled' } });
      expect((await svc.request('POST', '/v1/schedules/missing/cancel', { headers: { 'if-match': '"1"' } })).status).toBe(404);

      await passMarker(svc, 'cancel-marker', 1_500);
      expect(await eventTypes(svc, 'flag:keep')).toEqual(['FlagCreated']);
      expect(await eventTypes(svc, 'schedule:never')).toEqual(['ScheduleCreated', 'ScheduleCancelled']);
      const [cancel] = await svc.sql("select comment from events where stream_id = 'schedule:never' and version = 2");
      expect(cancel).toEqual({ comment: 'not tonight' });
    });

    it('records a failure with its reason when the target moved on, and lists by status and target', async () => {
      expect((await svc.request('POST', '/v1/flags', { body: booleanFlag('moving') })).status).toBe(201);
      const body = { key: 'stale', at: inMs(1_000), expectedVersion: 1, change: { kind: 'flag.replace', flagKey: 'moving', flag: booleanFlag('moving', { description: 'planned' }) } };
      expect((await svc.request('POST', '/v1/schedules', { body })).status).toBe(201);
      expect((await svc.request('GET', '/v1/schedules?status=pending&entityKey=moving', { key: READER_KEY })).body.items.map((s: { key: string }) => s.key)).toEqual(['stale']);
      expect((await svc.request('PUT', '/v1/flags/moving', { body: booleanFlag('moving', { description: 'by hand' }), headers: { 'if-match': '"1"' } })).status).toBe(200);
      await waitFor('schedule stale failed', async () => (await statusOf(svc, 'stale')) === 'failed');
      const failed = (await svc.request('GET', '/v1/schedules/stale', { key: READER_KEY })).body;
      expect(failed).toMatchObject({ status: 'failed', error: 'Expected version 1 but the current version is 2', version: 2 });
      expect((await svc.request('GET', '/v1/flags/moving')).body).toMatchObject({ description: 'by hand', version: 2 });
      expect((await svc.request('GET', '/v1/schedules?status=failed', { key: READER_KEY })).body.items.map((s: { key: string }) => s.key)).toEqual(['stale']);
      expect((await svc.request('GET', '/v1/schedules?status=pending&entityKey=moving')).body.items).toEqual([]);
      expect((await svc.request('GET', '/v1/schedules?state=x')).status).toBe(400);
      expect((await svc.request('GET', '/v1/schedules/nope')).status).toBe(404);
    });

    it('refuses bad schedules with 400 / 409 / 422 naming the fields, and writes nothing', async () => {
      expect((await svc.request('POST', '/v1/flags', { body: booleanFlag('target') })).status).toBe(201);
      const post = (body: unknown, key?: string) => svc.request('POST', '/v1/schedules', { body, ...(key ? { key } : {}) });
      const issuesOf = (reply: { body: { error: { details?: { issues?: { path: string }[] } } } }) => reply.body.error.details?.issues?.map((i) => i.path);

      const past = await post({ key: 'past', at: inMs(-60_000), change: killSwitch('target', false) });
      expect([past.status, past.body.error.code, issuesOf(past)]).toEqual([422, 'not_in_future', ['at']]);

      const unknownFlag = await post({ key: 'unknown', at: inMs(60_000), change: killSwitch('no-such-flag', false) });
      expect([unknownFlag.status, unknownFlag.body.error.code, issuesOf(unknownFlag)]).toEqual([422, 'unknown_reference', ['change.flagKey']]);

      const unknownExperiment = await post({ key: 'unknown-e', at: inMs(60_000), change: { kind: 'experiment.start', experimentKey: 'nope' } });
      expect([unknownExperiment.status, issuesOf(unknownExperiment)]).toEqual([422, ['change.experimentKey']]);

      const badFlag = await post({ key: 'bad-body', at: inMs(60_000), change: { kind: 'flag.replace', flagKey: 'target', flag: booleanFlag('target', { variants: [], offVariant: 7 }) } });
      expect(badFlag.status).toBe(400);
      expect(issuesOf(badFlag)).toEqual(expect.arrayContaining(['change.flag.offVariant']));
      expect(issuesOf(badFlag)!.every((path) => path.startsWith('change.flag.'))).toBe(true);

      const badReference = await post({ key: 'bad-ref', at: inMs(60_000), change: { kind: 'flag.replace', flagKey: 'target', flag: booleanFlag('target', { prerequisites: [{ flagKey: 'ghost', variants: ['on'] }] }) } });
      expect([badReference.status, issuesOf(badReference)]).toEqual([422, ['change.flag.prerequisites.0.flagKey']]);

      const badShape = await post({ key: 'Bad Key', at: 'tomorrow', change: { kind: 'flag.delete', flagKey: 'target' } });
      expect(badShape.status).toBe(400);
      expect(issuesOf(badShape)).toEqual(expect.arrayContaining(['key', 'at', 'change.kind']));

      const moved = await post({ key: 'moved', at: inMs(60_000), expectedVersion: 3, change: killSwitch('target', true) });
      expect([moved.status, moved.body.error.code]).toEqual([409, 'version_conflict']);

      expect((await post({ key: 'reader', at: inMs(60_000), change: killSwitch('target', true) }, READER_KEY)).status).toBe(403);

      expect((await post({ key: 'dup', at: inMs(60_000), change: killSwitch('target', true) })).status).toBe(201);
      expect((await post({ key: 'dup', at: inMs(60_000), change: killSwitch('target', true) })).status).toBe(409);

      const rows = await svc.sql("select stream_id from events where stream_type = 'schedule' and stream_id <> 'schedule:dup' and stream_id like any(array['schedule:past', 'schedule:unknown%', 'schedule:bad%', 'schedule:moved', 'schedule:reader'])");
      expect(rows).toEqual([]);
    });

    it('lists the schedule routes in the OpenAPI document', async () => {
      const doc = (await (await fetch(`${svc.url}/docs-json`)).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/schedules', '/v1/schedules/{key}', '/v1/schedules/{key}/cancel']));
    });
  });
});
