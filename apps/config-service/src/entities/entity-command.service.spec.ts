import { ConflictError, NotFoundError, UnprocessableError } from '@xp/platform';
import { InMemoryEventStore } from '../event-store/in-memory-event-store';
import { ExperimentRolloutService } from '../experiments/experiment-rollout.service';
import { booleanFlag, experiment, metric } from '../testing/fixtures';
import { EntityCommandService } from './entity-command.service';
import { EntityQueryService } from './entity-query.service';

describe('EntityCommandService (in-memory store)', () => {
  let store: InMemoryEventStore;
  let commands: EntityCommandService;
  let rollouts: ExperimentRolloutService;

  beforeEach(() => {
    store = new InMemoryEventStore();
    commands = new EntityCommandService(store);
    rollouts = new ExperimentRolloutService(commands, new EntityQueryService(store, store), store);
  });

  it('creates, updates and archives with consecutive versions and state-carrying payloads', async () => {
    await commands.create('flag', booleanFlag('a'), 'admin-1');
    await commands.update('flag', 'a', booleanFlag('a', { description: 'new' }), { expectedVersion: 1, actor: 'admin-1' });
    const archived = await commands.archive('flag', 'a', { expectedVersion: 2, actor: 'admin-1' });
    expect(store.events.map((e) => [e.eventType, e.version])).toEqual([
      ['FlagCreated', 1],
      ['FlagUpdated', 2],
      ['FlagArchived', 3],
    ]);
    expect(store.events[1].payload.state).toMatchObject({ key: 'a', description: 'new' });
    expect(store.events[2].payload).toEqual({ state: null });
    expect(archived).toMatchObject({ archived: true, version: 3, state: { description: 'new' } });
  });

  it('rejects a stale expected version and writes nothing', async () => {
    await commands.create('flag', booleanFlag('a'), 'admin-1');
    await expect(commands.update('flag', 'a', booleanFlag('a'), { expectedVersion: 5, actor: 'x' })).rejects.toMatchObject({
      code: 'version_conflict',
      details: { expectedVersion: 5, actualVersion: 1 },
    });
    expect(store.events).toHaveLength(1);
  });

  it('keeps archived entities read-only', async () => {
    await commands.create('metric', metric('m'), 'admin-1');
    await commands.archive('metric', 'm', { expectedVersion: 1, actor: 'admin-1' });
    await expect(commands.update('metric', 'm', metric('m'), { expectedVersion: 2, actor: 'x' })).rejects.toMatchObject({ code: 'archived' });
  });

  it('refuses an experiment whose metric is archived', async () => {
    await commands.create('flag', booleanFlag('f'), 'admin-1');
    await commands.create('metric', metric('m'), 'admin-1');
    await commands.archive('metric', 'm', { expectedVersion: 1, actor: 'admin-1' });
    await expect(commands.create('experiment', experiment('e', 'f', 'm'), 'admin-1')).rejects.toBeInstanceOf(UnprocessableError);
  });

  it('answers 404 for an update of an unknown key', async () => {
    await expect(commands.update('segment', 'nope', { conditions: [] }, { expectedVersion: 1, actor: 'x' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('applies a rollout decision once', async () => {
    await commands.create('flag', booleanFlag('f'), 'admin-1');
    await commands.create('metric', metric('m'), 'admin-1');
    await commands.create('experiment', experiment('e', 'f', 'm'), 'admin-1');
    await commands.execute('experiment', 'e', 'start', undefined, { actor: 'admin-1' });
    const command = { decisionId: 'd1', reason: 'healthy', percentage: 7.5 };
    expect((await rollouts.apply('e', command, 'deployer')).applied).toBe(true);
    const second = await rollouts.apply('e', command, 'deployer');
    expect(second.applied).toBe(false);
    expect(second.view.state.rolloutPercentage).toBe(7.5);
    expect(store.events.filter((e) => e.eventType === 'ExperimentRolloutChanged')).toHaveLength(1);
  });

  it('rebuilds the same views it maintained live', async () => {
    await commands.create('flag', booleanFlag('a'), 'admin-1');
    await commands.create('flag', booleanFlag('b'), 'admin-1');
    await commands.archive('flag', 'b', { expectedVersion: 1, actor: 'admin-1' });
    const live = await store.list('flag', true);
    await store.rebuild();
    expect(await store.list('flag', true)).toEqual(live);
  });

  it('reports a duplicate create as a conflict', async () => {
    await commands.create('metric', metric('m'), 'admin-1');
    await expect(commands.create('metric', metric('m'), 'admin-1')).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('archiving something still in use', () => {
  it('refuses to archive a metric an experiment measures, naming the experiment', async () => {
    const store = new InMemoryEventStore();
    const commands = new EntityCommandService(store);
    await commands.create('flag', booleanFlag('f'), 'admin-1');
    await commands.create('metric', metric('m'), 'admin-1');
    await commands.create('experiment', experiment('e', 'f', 'm'), 'admin-1');
    await expect(commands.archive('metric', 'm', { expectedVersion: 1, actor: 'admin-1' })).rejects.toMatchObject({
      code: 'in_use',
      message: "metric 'm' is still used by experiment 'e' (primaryMetric)",
    });
    expect(store.events).toHaveLength(3);
  });
});

describe('updating something still in use', () => {
  it('refuses to drop a flag variant that an experiment uses', async () => {
    const store = new InMemoryEventStore();
    const commands = new EntityCommandService(store);
    await commands.create('flag', booleanFlag('f'), 'admin-1');
    await commands.create('metric', metric('m'), 'admin-1');
    await commands.create('experiment', experiment('e', 'f', 'm'), 'admin-1');
    const onlyOff = booleanFlag('f', { variants: [{ key: 'off', value: false }], rules: [] });
    await expect(commands.update('flag', 'f', onlyOff, { expectedVersion: 1, actor: 'admin-1' })).rejects.toMatchObject({
      code: 'in_use',
      details: { dependents: [{ streamType: 'experiment', key: 'e', path: 'variants.1.key' }] },
    });
  });
});
