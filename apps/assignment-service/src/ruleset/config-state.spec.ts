import type { ConfigEventData, FlagInput } from '@xp/contracts';
import { FlagSchema } from '@xp/contracts';
import { ConfigState } from './config-state';

const flag = (key: string, enabled: boolean) =>
  FlagSchema.parse({
    key,
    valueType: 'boolean',
    variants: [
      { key: 'on', value: true },
      { key: 'off', value: false },
    ],
    offVariant: 'off',
    enabled,
    salt: key,
    rules: [{ id: 'all', weights: [{ variant: 'on', weight: 10_000 }] }],
  } satisfies FlagInput);

let position = 0;
const event = (streamId: string, version: number, state: unknown, eventType = 'FlagUpdated'): ConfigEventData => ({
  streamId,
  streamType: streamId.split(':')[0] as ConfigEventData['streamType'],
  version,
  position: ++position,
  eventType,
  payload: { state },
});

describe('ConfigState', () => {
  beforeEach(() => (position = 0));

  it('upserts the state carried by each event and versions the ruleset by position', () => {
    const state = new ConfigState();
    state.apply(event('flag:a', 1, flag('a', false), 'FlagCreated'));
    state.apply(event('flag:a', 2, flag('a', true)));
    const ruleset = state.toRuleset();
    expect(ruleset.version).toBe(2);
    expect(ruleset.flags.map((f) => [f.key, f.enabled])).toEqual([['a', true]]);
  });

  it('drops a repeated or older (streamId, version) without changing anything', () => {
    const state = new ConfigState();
    state.apply(event('flag:a', 1, flag('a', false)));
    state.apply(event('flag:a', 2, flag('a', true)));
    expect(state.apply(event('flag:a', 1, flag('a', false)))).toEqual({ kind: 'repeat' });
    expect(state.apply(event('flag:a', 2, flag('a', false)))).toEqual({ kind: 'repeat' });
    expect(state.toRuleset().flags[0].enabled).toBe(true);
    expect(state.position).toBe(2);
  });

  it('removes an entity whose state is null (archived)', () => {
    const state = new ConfigState();
    state.apply(event('flag:a', 1, flag('a', true)));
    state.apply(event('flag:b', 1, flag('b', true)));
    state.apply(event('flag:a', 2, null, 'FlagArchived'));
    expect(state.toRuleset().flags.map((f) => f.key)).toEqual(['b']);
  });

  it('keeps the previous state when an event carries an invalid one, and says why', () => {
    const state = new ConfigState();
    state.apply(event('flag:a', 1, flag('a', true)));
    const outcome = state.apply(event('flag:a', 2, { ...flag('a', false), offVariant: 'nope' }));
    expect(outcome.kind).toBe('invalid');
    expect(outcome.kind === 'invalid' && outcome.reason).toContain("offVariant: unknown variant 'nope'");
    expect(state.toRuleset().flags[0].enabled).toBe(true);
  });

  it('reports an event without a state as invalid', () => {
    const state = new ConfigState();
    const missing: ConfigEventData = { ...event('segment:t', 1, null), payload: {} };
    expect(state.apply(missing)).toEqual({ kind: 'invalid', reason: 'payload has no state' });
  });

  it('leaves archived-status experiments and metric streams out of the ruleset', () => {
    const state = new ConfigState();
    const experiment = {
      key: 'e',
      flagKey: 'a',
      variants: [
        { key: 'off', weight: 5000, control: true },
        { key: 'on', weight: 5000 },
      ],
      layer: { key: 'l', start: 0, end: 10_000 },
      primaryMetric: 'm',
      status: 'archived',
      winner: 'on',
    };
    state.apply(event('experiment:e', 1, experiment));
    state.apply(event('metric:m', 1, { key: 'm' }, 'MetricCreated'));
    expect(state.toRuleset()).toEqual({ version: 2, flags: [], segments: [], experiments: [], holdouts: [] });
  });

  it('serves a flat flag event written before environments existed as the production ruleset, unchanged', () => {
    const state = new ConfigState();
    const legacy = flag('legacy', true);
    state.apply(event('flag:legacy', 1, legacy, 'FlagCreated'));
    expect(state.toRuleset('production').flags).toEqual([legacy]);
    expect(state.toRuleset('staging').flags[0]).toMatchObject({ key: 'legacy', enabled: false, rules: [], overrides: {} });
  });

  it('keeps one ruleset per environment: each flag part and the experiments running there; created environments join', () => {
    const state = new ConfigState();
    const { enabled: _e, rules, overrides, ...shared } = flag('f', true);
    state.apply(event('flag:f', 1, { ...shared, environments: { staging: { enabled: true, rules, overrides }, production: { enabled: false } } }, 'FlagCreated'));
    expect(state.toRuleset('staging').flags[0].enabled).toBe(true);
    expect(state.toRuleset('production').flags[0]).toMatchObject({ enabled: false, rules: [] });
    expect([...state.toRulesets().keys()]).toEqual(['development', 'staging', 'production']);
    state.apply(event('environment:eu-west', 1, { key: 'eu-west', description: '' }, 'EnvironmentCreated'));
    expect([...state.toRulesets().keys()]).toContain('eu-west');
    state.apply(event('environment:eu-west', 2, null, 'EnvironmentArchived'));
    expect([...state.toRulesets().keys()]).not.toContain('eu-west');
  });

  it("serves an environment's holdouts, covering their experiments' flags; one whose experiments all ended covers nothing", () => {
    const state = new ConfigState();
    const holdout = { key: 'h', salt: 'h', percentage: 10, environment: 'production', flagKeys: [], experimentKeys: ['exp'], description: '' };
    state.apply(event('holdout:h', 1, holdout, 'HoldoutCreated'));
    expect(state.toRuleset('production').holdouts).toEqual([]);
    state.apply(event('holdout:all', 1, { ...holdout, key: 'all', experimentKeys: [] }, 'HoldoutCreated'));
    state.apply(event('holdout:staging', 1, { ...holdout, key: 'staging', environment: 'staging', experimentKeys: [] }, 'HoldoutCreated'));
    expect(state.toRuleset('production').holdouts.map((h) => [h.key, h.flagKeys])).toEqual([['all', []]]);
    expect(state.toRuleset('staging').holdouts.map((h) => h.key)).toEqual(['staging']);
  });
});
