import { RulesetInput } from '@xp/contracts';

/** A small ruleset: a boolean rollout flag, a string flag driven by a running experiment, a number flag. */
export function sampleRuleset(overrides: { checkoutEnabled?: boolean } = {}): RulesetInput {
  return {
    version: 1,
    flags: [
      {
        key: 'new-banner',
        valueType: 'boolean',
        enabled: true,
        salt: 'new-banner',
        offVariant: 'off',
        variants: [{ key: 'off', value: false }, { key: 'on', value: true }],
        rules: [{ id: 'beta', conditions: [{ attribute: 'plan', operator: 'eq', values: ['beta'] }], weights: [{ variant: 'on', weight: 10000 }] }],
      },
      {
        key: 'checkout',
        valueType: 'string',
        enabled: overrides.checkoutEnabled ?? true,
        salt: 'checkout',
        offVariant: 'control',
        variants: [{ key: 'control', value: 'old' }, { key: 'treatment', value: 'new' }],
        rules: [{ id: 'exp', experimentKey: 'checkout-exp' }],
      },
      {
        key: 'page-size',
        valueType: 'number',
        enabled: true,
        salt: 'page-size',
        offVariant: 'small',
        variants: [{ key: 'small', value: 10 }, { key: 'large', value: 50 }],
        rules: [{ id: 'all', weights: [{ variant: 'large', weight: 10000 }] }],
      },
    ],
    experiments: [
      {
        key: 'checkout-exp',
        flagKey: 'checkout',
        variants: [{ key: 'control', weight: 5000, control: true }, { key: 'treatment', weight: 5000 }],
        layer: { key: 'checkout-layer', start: 0, end: 10000 },
        primaryMetric: 'purchase',
        status: 'running',
        rolloutPercentage: 100,
      },
    ],
  };
}
