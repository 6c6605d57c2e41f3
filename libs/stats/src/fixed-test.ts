import type { ArmSummary } from './arm-summary';
import type { ComparisonResult, LiftInterval } from './comparison-result';
import { tQuantile, tSurvival } from './distributions';
import { type EffectEstimate, estimateDifference } from './estimate-difference';
import { assertAlpha } from './stats-error';

export interface FixedTestOptions {
  alpha: number;
}

/** Two-sided Welch t-test (Satterthwaite df) on the absolute difference and the delta-method relative lift. */
export function fixedTest(control: ArmSummary, treatment: ArmSummary, { alpha }: FixedTestOptions): ComparisonResult {
  assertAlpha(alpha);
  const diff = estimateDifference(control, treatment);
  const quantile = tQuantile(1 - alpha / 2, diff.df);
  const interval = ({ estimate, se }: EffectEstimate): LiftInterval => ({
    estimate,
    ci: [estimate - quantile * se, estimate + quantile * se],
    se,
    pValue: Math.min(1, 2 * tSurvival(Math.abs(estimate) / se, diff.df)),
  });
  return { absolute: interval(diff.absolute), relative: diff.relative && interval(diff.relative) };
}
