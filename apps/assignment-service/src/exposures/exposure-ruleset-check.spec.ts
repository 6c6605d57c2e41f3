import { exposureRulesetProblems } from './exposure-ruleset-check';

const snapshot = {
  version: 12,
  exposureTargets: new Map([
    ['checkout-exp', { unitAttribute: null, stage: 0, percentage: 100, flagKeys: new Set(['checkout']), variants: new Set(['off', 'on']), environment: 'production' }],
    ['holdout:long-term', { unitAttribute: null, percentage: 5, flagKeys: new Set(['checkout', 'search']), variants: new Set(['holdout', 'general']), environment: 'production' }],
    ['holdout:everything', { unitAttribute: null, percentage: 5, flagKeys: null, variants: new Set(['holdout', 'general']), environment: 'production' }],
  ]),
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

  it("accepts a holdout arm's exposure on any flag the holdout covers (every flag when it names none)", () => {
    expect(exposureRulesetProblems({ experimentKey: 'holdout:long-term', flagKey: 'search', variant: 'general' }, snapshot)).toBeUndefined();
    expect(exposureRulesetProblems({ experimentKey: 'holdout:everything', flagKey: 'anything', variant: 'holdout' }, snapshot)).toBeUndefined();
  });

  it("refuses an unknown holdout, a flag it does not cover and an arm it does not have, naming the holdout", () => {
    expect(exposureRulesetProblems({ experimentKey: 'holdout:gone', flagKey: 'search', variant: 'general' }, snapshot)).toEqual([
      { path: 'experimentKey', message: "unknown holdout 'gone' (ruleset version 12)" },
    ]);
    expect(exposureRulesetProblems({ experimentKey: 'holdout:long-term', flagKey: 'banner', variant: 'on' }, snapshot)).toEqual([
      { path: 'flagKey', message: "holdout 'long-term' covers the flags 'checkout', 'search', not 'banner'" },
      { path: 'variant', message: "holdout 'long-term' has no arm 'on' (it has holdout, general)" },
    ]);
  });
});
