import { FlagInput, FlagSchema } from './flag.schema';

const flag = (overrides: Partial<FlagInput> = {}): FlagInput => ({
  key: 'new-checkout',
  valueType: 'boolean',
  variants: [{ key: 'on', value: true }, { key: 'off', value: false }],
  offVariant: 'off',
  enabled: true,
  salt: 'new-checkout',
  rules: [{ id: 'beta', conditions: [{ attribute: 'plan', operator: 'eq', values: ['beta'] }], rollout: 12.5, weights: [{ variant: 'on', weight: 10000 }] }],
  ...overrides,
});
const paths = (input: unknown) => {
  const result = FlagSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
};

describe('FlagSchema', () => {
  it('accepts a valid flag and fills defaults', () => {
    const parsed = FlagSchema.parse(flag());
    expect(parsed.prerequisites).toEqual([]);
    expect(parsed.overrides).toEqual({});
    expect(parsed.rules[0].conditions[0].negate).toBe(false);
  });

  it.each(['New Checkout', '-x', 'a--b', ''])('rejects the key %j', (key) => {
    expect(new Set(paths(flag({ key })))).toEqual(new Set(['key']));
  });

  it('rejects a variant value of the wrong type with its path', () => {
    expect(paths(flag({ variants: [{ key: 'on', value: 'yes' }, { key: 'off', value: false }] }))).toEqual(['variants.0.value']);
  });

  it('rejects weights that do not sum to 10000 basis points', () => {
    expect(paths(flag({ rules: [{ id: 'r', weights: [{ variant: 'on', weight: 5000 }, { variant: 'off', weight: 4999 }] }] }))).toEqual(['rules.0.weights']);
  });

  it('rejects a rollout that is not a multiple of 0.01 or above 100', () => {
    expect(paths(flag({ rules: [{ id: 'r', rollout: 10.005, weights: [{ variant: 'on', weight: 10000 }] }] }))).toEqual(['rules.0.rollout']);
    expect(paths(flag({ rules: [{ id: 'r', rollout: 100.01, weights: [{ variant: 'on', weight: 10000 }] }] }))).toEqual(['rules.0.rollout']);
  });

  it('rejects unknown variants in offVariant, weights and overrides', () => {
    expect(paths(flag({ offVariant: 'nope', overrides: { 'user-1': 'maybe' }, rules: [{ id: 'r', weights: [{ variant: 'x', weight: 10000 }] }] })))
      .toEqual(['offVariant', 'rules.0.weights.0.variant', 'overrides.user-1']);
  });

  it('rejects duplicate variant keys and rule ids', () => {
    const rule = { id: 'r', weights: [{ variant: 'on', weight: 10000 }] };
    expect(paths(flag({ variants: [{ key: 'on', value: true }, { key: 'on', value: false }], offVariant: 'on', rules: [rule, rule] })))
      .toEqual(['variants.1.key', 'rules.1.id']);
  });

  it('rejects a rule without weights unless an experiment drives it', () => {
    expect(paths(flag({ rules: [{ id: 'r' }] }))).toEqual(['rules.0.weights']);
    expect(paths(flag({ rules: [{ id: 'r', experimentKey: 'exp-1' }] }))).toEqual([]);
  });

  it('rejects a flag that requires itself', () => {
    expect(paths(flag({ prerequisites: [{ flagKey: 'new-checkout', variants: ['on'] }] }))).toEqual(['prerequisites.0.flagKey']);
  });

  it('reports a bad regex deep inside a rule with its full path', () => {
    const rules = [{ id: 'r', conditions: [{ attribute: 'email', operator: 'regex' as const, values: ['[a-'] }], weights: [{ variant: 'on', weight: 10000 }] }];
    expect(paths(flag({ rules }))).toEqual(['rules.0.conditions.0.values.0']);
  });

  it('accepts any JSON value for json flags but not for number flags', () => {
    expect(paths(flag({ valueType: 'json', variants: [{ key: 'on', value: { a: [1] } }, { key: 'off', value: null }] }))).toEqual([]);
    expect(paths(flag({ valueType: 'number', variants: [{ key: 'on', value: 1 }, { key: 'off', value: '0' }] }))).toEqual(['variants.1.value']);
  });

  it('takes a peer hashing mode and refuses an unknown one', () => {
    expect(FlagSchema.parse(flag({ hashing: 'growthbook-v2' })).hashing).toBe('growthbook-v2');
    expect(FlagSchema.parse(flag()).hashing).toBeUndefined();
    expect(paths(flag({ hashing: 'launchdarkly' as never }))).toEqual(['hashing']);
  });

  it('refuses unleash hashing with a fractional rollout or weights finer than a tenth of a percent', () => {
    const rules = [{ id: 'r', rollout: 12.5, weights: [{ variant: 'on', weight: 3335 }, { variant: 'off', weight: 6665 }] }];
    expect(paths(flag({ hashing: 'unleash', rules }))).toEqual(['rules.0.rollout', 'rules.0.weights.0.weight', 'rules.0.weights.1.weight']);
    expect(paths(flag({ hashing: 'unleash', rules: [{ id: 'r', rollout: 12, weights: [{ variant: 'on', weight: 3330 }, { variant: 'off', weight: 6670 }] }] }))).toEqual([]);
  });

  it('takes a hash attribute and salts per plain rule, not on experiment rules', () => {
    expect(paths(flag({ rules: [{ id: 'r', hashAttribute: 'accountId', salt: 's', variantSalt: 'v', weights: [{ variant: 'on', weight: 10000 }] }] }))).toEqual([]);
    expect(paths(flag({ rules: [{ id: 'r', experimentKey: 'exp', hashAttribute: 'accountId' }] }))).toEqual(['rules.0.experimentKey']);
  });
});
