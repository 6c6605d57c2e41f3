import { exposureRulesetProblems } from './exposure-ruleset-check';

const snapshot = {
  version: 12,
  exposureTargets: new Map([['checkout-exp', { unitAttribute: null, stage: 0, percentage: 100, flagKey: 'checkout', variants: new Set(['off', 'on']), environment: 'production' }]]),
};
const exposure = { experimentKey: 'checkout-exp', flagKey: 'checkout', variant: 'on' };

describe('exposureRulesetProblems', () => {
  it('accepts an exposure naming an experiment of the ruleset, its flag and one of its variants', () => {
    expect(exposureRulesetProblems(exposure, snapshot)).toBeUndefined();
  });

  it('refuses an unknown experiment, saying which ruleset version it checked', () => {
    expect(exposureRulesetProblems({ ...exposure, experimentKey: 'nope' }, snapshot)).toEqual([
      { path: 'experimentKey', message: "unknown experiment 'nope' (ruleset version 12)" },
    ]);
  });

  it('refuses a variant the experiment does not have and a flag that is not the experiment\'s', () => {
    expect(exposureRulesetProblems({ ...exposure, flagKey: 'banner', variant: 'blue' }, snapshot)).toEqual([
      { path: 'flagKey', message: "experiment 'checkout-exp' is on flag 'checkout', not 'banner'" },
      { path: 'variant', message: "experiment 'checkout-exp' has no variant 'blue' (it has off, on)" },
    ]);
  });
});
