import murmurhash from 'murmurhash';
import { HoldoutSchema, RulesetSchema, type HoldoutInput } from '@xp/contracts';
import { compileRuleset } from './compile-ruleset';
import { compileHoldoutArms, holdoutExposuresOf } from './holdout-arms';

const flag = (key: string) => ({
  key, valueType: 'boolean', variants: [{ key: 'on', value: true }, { key: 'off', value: false }], offVariant: 'off', enabled: true, salt: key,
  rules: [{ id: 'all', weights: [{ variant: 'on', weight: 10000 }] }],
});
const holdout = (input: Partial<HoldoutInput> = {}) => HoldoutSchema.parse({ key: 'long-term', salt: 'hold-salt', percentage: 10, flagKeys: ['a'], ...input });
const units = Array.from({ length: 20_000 }, (_, i) => `unit-${i}`);

describe('compileHoldoutArms', () => {
  it('puts a unit in the holdout arm exactly when the evaluator holds it out', () => {
    const h = holdout();
    const evaluator = compileRuleset(RulesetSchema.parse({ version: 1, flags: [flag('a'), flag('b')], holdouts: [h] }));
    const arms = compileHoldoutArms(h);
    const disagreeing = units.filter((unit) => (arms.arm(unit) === 'holdout') !== (evaluator.evaluate(unit, {}, ['a'])[0].holdout === 'long-term'));
    expect(disagreeing).toEqual([]);
    expect(units.filter((unit) => arms.arm(unit) === 'holdout').length).toBeGreaterThan(1500);
  });

  it('takes the general arm from the next p % of buckets, computed here from murmur3 directly', () => {
    const arms = compileHoldoutArms(holdout({ percentage: 12.5 }));
    for (const unit of units.slice(0, 2000)) {
      const bucket = murmurhash.v3(`hold-salt:${unit}`) % 10000;
      expect(arms.arm(unit)).toBe(bucket < 1250 ? 'holdout' : bucket < 2500 ? 'general' : null);
    }
  });

  it.each([
    [10, 0.1, 0.1],
    [50, 0.5, 0.5],
    [70, 0.7, 0.3],
  ])('with %d %% held out, the arms hold shares of about %d and %d', (percentage, heldShare, generalShare) => {
    const arms = compileHoldoutArms(holdout({ percentage }));
    const counts = { holdout: 0, general: 0 };
    for (const unit of units) {
      const arm = arms.arm(unit);
      if (arm) counts[arm] += 1;
    }
    // 5 standard errors of a share of 20,000 units.
    const tolerance = (share: number) => 5 * Math.sqrt((share * (1 - share)) / units.length);
    expect(Math.abs(counts.holdout / units.length - heldShare)).toBeLessThan(tolerance(heldShare));
    expect(Math.abs(counts.general / units.length - generalShare)).toBeLessThan(tolerance(generalShare));
    expect(counts.holdout + counts.general).toBeLessThanOrEqual(units.length);
  });
});

describe('holdoutExposuresOf', () => {
  const result = (flagKey: string, errorCode?: 'FLAG_NOT_FOUND') => ({ flagKey, variant: 'on', value: true, reason: 'SPLIT' as const, ...(errorCode ? { errorCode } : {}) });
  const armed = units.find((u) => compileHoldoutArms(holdout()).arm(u) === 'general')!;

  it('exposes a unit that evaluated a covered flag, named by the first such flag', () => {
    const exposures = holdoutExposuresOf([compileHoldoutArms(holdout({ flagKeys: ['a', 'c'] }))], [result('b'), result('c'), result('a')], armed);
    expect(exposures.map((e) => [e.holdout.key, e.flagKey, e.arm])).toEqual([['long-term', 'c', 'general']]);
  });

  it('exposes nobody for flags it does not cover, unknown flags, a missing unit or a unit in neither arm', () => {
    const arms = compileHoldoutArms(holdout());
    const outside = units.find((u) => arms.arm(u) === null)!;
    expect(holdoutExposuresOf([arms], [result('b')], armed)).toEqual([]);
    expect(holdoutExposuresOf([arms], [result('a', 'FLAG_NOT_FOUND')], armed)).toEqual([]);
    expect(holdoutExposuresOf([arms], [result('a')], null)).toEqual([]);
    expect(holdoutExposuresOf([arms], [result('a')], outside)).toEqual([]);
  });

  it('covers every flag when the holdout names none', () => {
    const exposures = holdoutExposuresOf([compileHoldoutArms(holdout({ flagKeys: [] }))], [result('anything')], armed);
    expect(exposures.map((e) => [e.flagKey, e.arm])).toEqual([['anything', 'general']]);
  });
});
