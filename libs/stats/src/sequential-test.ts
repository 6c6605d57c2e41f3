import type { ArmSummary } from './arm-summary';
import type { ComparisonResult, LiftInterval } from './comparison-result';
import { type EffectEstimate, estimateDifference } from './estimate-difference';
import { sequentialBoundary, sequentialZPValue } from './normal-mixture';
import { assertAlpha, StatsError } from './stats-error';

export const DEFAULT_SEQUENTIAL_TUNING = 5000;

export interface SequentialTestOptions {
  alpha: number;
  /** N*: the total sample size at which the sequence is tightest. */
  tuning?: number;
}

/** Half-width of the confidence sequence for an estimate with standard error se (normal-mixture.ts). */
export function confidenceSequenceHalfWidth(se: number, totalUnits: number, alpha: number, tuning: number): number {
  return se * sequentialBoundary(totalUnits, alpha, tuning);
}

/** Always-valid p-value consistent with the sequence: the smallest α whose sequence excludes 0. */
export function sequentialPValue(estimate: number, se: number, totalUnits: number, tuning: number): number {
  return sequentialZPValue(estimate / se, totalUnits, tuning);
}

export function sequentialTest(control: ArmSummary, treatment: ArmSummary, options: SequentialTestOptions): ComparisonResult {
  const { alpha, tuning = DEFAULT_SEQUENTIAL_TUNING } = options;
  assertAlpha(alpha);
  if (!(tuning > 0 && Number.isFinite(tuning))) {
    throw new StatsError('INVALID_INPUT', `sequentialTuning must be a positive number, got ${tuning}`, { tuning });
  }
  const diff = estimateDifference(control, treatment);
  const interval = ({ estimate, se }: EffectEstimate): LiftInterval => {
    const halfWidth = confidenceSequenceHalfWidth(se, diff.totalUnits, alpha, tuning);
    return {
      estimate,
      ci: [estimate - halfWidth, estimate + halfWidth],
      se,
      pValue: sequentialPValue(estimate, se, diff.totalUnits, tuning),
    };
  };
  return { absolute: interval(diff.absolute), relative: diff.relative && interval(diff.relative) };
}
