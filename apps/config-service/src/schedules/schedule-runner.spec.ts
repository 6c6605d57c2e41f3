import { UnavailableError } from '@xp/platform';
import { EntityCommandService } from '../entities/entity-command.service';
import { EntityQueryService } from '../entities/entity-query.service';
import { InMemoryEventStore } from '../event-store/in-memory-event-store';
import type { WriteSession } from '../event-store/event-store';
import { booleanFlag, experiment, metric } from '../testing/fixtures';
import { ScheduleRunner } from './schedule-runner';
import { ScheduleService } from './schedule.service';

const t0 = new Date('2026-03-01T12:00:00.000Z');
const due = new Date('2026-03-01T12:00:10.000Z');
const at = '2026-03-01T12:00:05.000Z';

describe('ScheduleRunner (in-memory store)', () => {
  let store: InMemoryEventStore;
  let commands: EntityCommandService;
  let schedules: ScheduleService;
  let runner: ScheduleRunner;

  beforeEach(async () => {
    store = new InMemoryEventStore();
    commands = new EntityCommandService(store);
    const queries = new EntityQueryService(store, store);
    schedules = new ScheduleService(store, commands, queries);
    runner = new ScheduleRunner(store, commands, queries);
    await commands.create('flag', booleanFlag('f'), 'alice');
  });

  const eventsOf = (streamId: string) => store.events.filter((e) => e.streamId === streamId).map((e) => e.eventType);

  it('applies nothing before `at`, then the change once as the creator with a "scheduled" comment', async () => {
    await schedules.create({ key: 's1', at, change: { kind: 'flag.kill-switch', flagKey: 'f', enabled: false }, comment: 'night' }, 'alice', 'night', t0);
    expect(await runner.tick(t0)).toEqual({});
    expect(await runner.tick(due)).toEqual({ s1: 'applied' });
    expect(await runner.tick(due)).toEqual({});
    expect(await runner.applyOne('s1', due)).toBe('skipped');
    const flagEvent = store.events.find((e) => e.eventType === 'FlagKillSwitchChanged');
    expect(flagEvent).toMatchObject({ version: 2, actor: 'alice', comment: 'scheduled: s1: night', payload: { state: { environments: { production: { enabled: false } } }, environment: 'production' } });
    expect(eventsOf('schedule:s1')).toEqual(['ScheduleCreated', 'ScheduleApplied']);
    expect((await schedules.get('s1')).state).toMatchObject({ status: 'applied', appliedVersion: 2, appliedAt: due.toISOString() });
  });

  it('two runners on one store apply a due schedule once', async () => {
    const other = new ScheduleRunner(store, commands, new EntityQueryService(store, store));
    await schedules.create({ key: 's1', at, change: { kind: 'flag.kill-switch', flagKey: 'f', enabled: false } }, 'alice', undefined, t0);
    const outcomes = await Promise.all([runner.tick(due), other.tick(due)]);
    expect(outcomes.map((o) => o.s1).sort()).toEqual(['applied', 'skipped']);
    expect(eventsOf('flag:f')).toEqual(['FlagCreated', 'FlagKillSwitchChanged']);
  });

  it('never applies a cancelled schedule', async () => {
    await schedules.create({ key: 's1', at, change: { kind: 'flag.kill-switch', flagKey: 'f', enabled: false } }, 'alice', undefined, t0);
    await schedules.cancel('s1', 1, 'alice', undefined);
    expect(await runner.tick(due)).toEqual({});
    expect(eventsOf('flag:f')).toEqual(['FlagCreated']);
    await expect(schedules.cancel('s1', 2, 'alice', undefined)).rejects.toMatchObject({ code: 'not_pending' });
  });

  it('records ScheduleFailed with the reason when the target moved past the expected version', async () => {
    await schedules.create({ key: 's1', at, expectedVersion: 1, change: { kind: 'flag.replace', flagKey: 'f', flag: booleanFlag('f', { description: 'new' }) } }, 'alice', undefined, t0);
    await commands.update('flag', 'f', booleanFlag('f', { description: 'someone else' }), { expectedVersion: 1, actor: 'bob' });
    expect(await runner.tick(due)).toEqual({ s1: 'failed' });
    expect((await schedules.get('s1')).state).toMatchObject({ status: 'failed', error: 'Expected version 1 but the current version is 2' });
    expect(store.events.filter((e) => e.streamId === 'flag:f').map((e) => e.payload.state)).not.toContainEqual(expect.objectContaining({ description: 'new' }));
    expect(await runner.tick(due)).toEqual({});
  });

  it('records ScheduleFailed when the experiment can no longer start', async () => {
    await commands.create('metric', metric('m'), 'alice');
    await commands.create('experiment', experiment('e', 'f', 'm'), 'alice');
    await schedules.create({ key: 'go', at, change: { kind: 'experiment.start', experimentKey: 'e' } }, 'alice', undefined, t0);
    await commands.execute('experiment', 'e', 'start', undefined, { expectedVersion: 1, actor: 'bob' });
    expect(await runner.tick(due)).toEqual({ go: 'failed' });
    expect((await schedules.get('go')).state).toMatchObject({ status: 'failed', error: expect.stringContaining('Cannot start an experiment that is running') });
  });

  it('leaves the schedule pending through an engine outage and applies it on a later tick', async () => {
    await schedules.create({ key: 's1', at, change: { kind: 'flag.kill-switch', flagKey: 'f', enabled: false } }, 'alice', undefined, t0);
    const write = store.write.bind(store);
    let down = true;
    store.write = <T>(work: (session: WriteSession) => Promise<T>): Promise<T> =>
      down ? Promise.reject(new UnavailableError('postgres_unavailable', 'PostgreSQL is unavailable')) : write(work);
    expect(await runner.tick(due)).toEqual({ s1: 'retry' });
    expect((await schedules.get('s1')).state).toMatchObject({ status: 'pending' });
    down = false;
    expect(await runner.tick(due)).toEqual({ s1: 'applied' });
  });
});
