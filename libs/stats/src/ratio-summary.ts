import { z } from 'zod';
import type { ArmSummary } from './arm-summary';
import { parseInput } from './parse-input';
import { StatsError } from './stats-error';

/** Per-unit numerator m and denominator d of a ratio metric (Σm / Σd per arm), summed over one arm. */
export const ratioArmSumsSchema = z.object({
  n: z.number().int().nonnegative(),
  numeratorSum: z.number().finite(),
  numeratorSumSquares: z.number().finite().nonnegative(),
  denominatorSum: z.number().finite(),
  denominatorSumSquares: z.number().finite().nonnegative(),
  /** Σ m·d over units. */
  sumProducts: z.number().finite(),
});
export type RatioArmSums = z.infer<typeof ratioArmSumsSchema>;

export interface MeanAndVariance {
  mean: number;
  variance: number;
}

/**
 * Sample mean and (n − 1) variance of one per-unit variable from its sums. Not clamped at 0: the
 * delta-method combination is (gbstats does the same), and only the combined variance is.
 */
export const moments = (n: number, sum: number, sumSquares: number): MeanAndVariance => ({
  mean: sum / n,
  variance: (sumSquares - (sum * sum) / n) / (n - 1),
});

/** Sample covariance of two per-unit variables from their sums and Σ xy. */
export const covariance = (n: number, sumX: number, sumY: number, sumXY: number): number => (sumXY - (sumX * sumY) / n) / (n - 1);

/**
 * One arm of a ratio metric as a unit-randomised estimate: mean Σm/Σd and the per-unit variance of
 * its influence function by the delta method, var(m)/d̄² − 2 cov(m,d)·m̄/d̄³ + m̄²·var(d)/d̄⁴,
 * gbstats' RatioStatistic. Units are the randomisation units, so the variance is valid however
 * many events (requests, orders) one unit has.
 */
export function summarizeRatioArm(input: RatioArmSums, arm = 'arm'): ArmSummary {
  const sums = parseInput(ratioArmSumsSchema, input);
  const { n } = sums;
  if (n < 2) throw new StatsError('INSUFFICIENT_SAMPLE', `${arm} needs at least 2 units, got ${n}`, { arm, n });
  const m = moments(n, sums.numeratorSum, sums.numeratorSumSquares);
  const d = moments(n, sums.denominatorSum, sums.denominatorSumSquares);
  if (d.mean === 0) {
    throw new StatsError('INSUFFICIENT_SAMPLE', `${arm} has no denominator (Σd = 0): the ratio is undefined`, { arm, n });
  }
  const cov = covariance(n, sums.numeratorSum, sums.denominatorSum, sums.sumProducts);
  const d2 = d.mean * d.mean;
  const variance = m.variance / d2 - (2 * cov * m.mean) / (d2 * d.mean) + (m.mean * m.mean * d.variance) / (d2 * d2);
  return { n, mean: m.mean / d.mean, variance: Math.max(0, variance) };
}
