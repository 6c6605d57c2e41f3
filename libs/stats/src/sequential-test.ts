import type { ArmSummary } from './arm-summary';
import type { ComparisonResult, LiftInterval } from './comparison-result';
import { type EffectEstimate, estimateDifference } from './estimate-difference';
import { findRoot } from './find-root';
import { assertAlpha, StatsError } from './stats-error';

export const DEFAULT_SEQUENTIAL_TUNING = 5000;

export interface SequentialTestOptions {
  alpha: number;
  /** N*: the total sample size at which the sequence is tightest. */
  tuning?: number;
}

/**
 * Half-width of the asymptotic confidence sequence (Waudby-Smith et al. 2023, eq. 9; ρ from eq. 161),
 * as GrowthBook computes it. At α → 1 it tends to s·sqrt(1/n + N* ÷ (2n²)), not 0.
 */
export function confidenceSequenceHalfWidth(se: number, totalUnits: number, alpha: number, tuning: number): number {
  return halfWidthAtLogAlpha(se, totalUnits, Math.log(alpha), tuning);
}

// Works on ln α directly: near α = 1, ln(α) and ln(1 + 2|ln α|) lose their digits in doubles.
function halfWidthAtLogAlpha(se: number, totalUnits: number, logAlpha: number, tuning: number): number {
  const n = totalUnits;
  const s = se * Math.sqrt(n);
  if (logAlpha >= 0) return s * Math.sqrt(1 / n + tuning / (2 * n * n));
  const minusTwoLogAlpha = -2 * logAlpha;
  const rho2 = (minusTwoLogAlpha + Math.log1p(minusTwoLogAlpha)) / tuning;
  const nRho2 = n * rho2;
  return s * Math.sqrt(((2 * (nRho2 + 1)) / (n * nRho2)) * (0.5 * Math.log1p(nRho2) - logAlpha));
}

// ln of the smallest positive double: the p-value floor.
const MIN_LOG_ALPHA = -745;

/**
 * Always-valid p-value consistent with the sequence: the smallest α whose sequence excludes 0
 * (the half-width shrinks as α grows, so p ≤ α exactly when 0 is outside CS_α). 1 when no α < 1 does.
 * Found by bisection on ln α.
 */
export function sequentialPValue(estimate: number, se: number, totalUnits: number, tuning: number): number {
  const distance = Math.abs(estimate);
  const gap = (logAlpha: number) => halfWidthAtLogAlpha(se, totalUnits, logAlpha, tuning) - distance;
  if (gap(0) >= 0) return 1;
  if (gap(MIN_LOG_ALPHA) <= 0) return 0;
  return Math.exp(findRoot(gap, MIN_LOG_ALPHA, 0, 1e-14));
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
