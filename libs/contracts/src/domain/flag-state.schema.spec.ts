import { flagForEnvironment, readFlagState, StoredFlagSchema } from './flag-state.schema';
import { FlagSchema } from './flag.schema';

const variants = [{ key: 'on', value: true }, { key: 'off', value: false }];
const rule = { id: 'all', weights: [{ variant: 'on', weight: 10000 }] };
const flat = { key: 'checkout', valueType: 'boolean', variants, offVariant: 'off', salt: 's', enabled: true, rules: [rule], overrides: { qa: 'on' } };

describe('flag state per environment', () => {
  it('reads a flat state written before environments existed as its production part', () => {
    const stored = readFlagState(flat);
    expect(Object.keys(stored.environments)).toEqual(['production']);
    expect(stored.environments.production).toMatchObject({ enabled: true, overrides: { qa: 'on' } });
    expect(stored.tags).toEqual([]);
  });

  it('flattens the production part of an old state back into the same flag', () => {
    expect(flagForEnvironment(readFlagState(flat), 'production')).toEqual(FlagSchema.parse(flat));
  });

  it('serves an environment the flag has no part in as disabled, with no rules or overrides', () => {
    expect(flagForEnvironment(readFlagState(flat), 'staging')).toMatchObject({ enabled: false, rules: [], overrides: {}, variants });
  });

  it('keeps each environment apart', () => {
    const { enabled: _e, rules: _r, overrides: _o, ...shared } = flat;
    const stored = readFlagState({ ...shared, environments: { staging: { enabled: true, rules: [rule] }, production: { enabled: false } } });
    expect(flagForEnvironment(stored, 'staging')).toMatchObject({ enabled: true, rules: [{ id: 'all' }] });
    expect(flagForEnvironment(stored, 'production')).toMatchObject({ enabled: false, rules: [] });
  });

  it('names a bad rule by its environment and reports a shared problem once', () => {
    const { enabled: _e, rules: _r, overrides: _o, ...shared } = flat;
    const result = StoredFlagSchema.safeParse({
      ...shared,
      offVariant: 'maybe',
      environments: { staging: { rules: [{ id: 'r', weights: [{ variant: 'nope', weight: 10000 }] }] }, production: {} },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['offVariant', 'environments.staging.rules.0.weights.0.variant']);
  });

  it('refuses an environment key that is not a slug', () => {
    const { enabled: _e, rules: _r, overrides: _o, ...shared } = flat;
    expect(StoredFlagSchema.safeParse({ ...shared, environments: { 'Pro Duction': {} } }).success).toBe(false);
  });
});
