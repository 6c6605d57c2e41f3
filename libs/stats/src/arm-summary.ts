import { z } from 'zod';
import { StatsError } from './stats-error';

export const metricTypeSchema = z.enum(['mean', 'proportion']);
export type MetricType = z.infer<typeof metricTypeSchema>;

/** Sufficient statistics of one variant: units, sum and sum of squares of the per-unit value. */
export const armSumsSchema = z.object({
  n: z.number().int().nonnegative(),
  sum: z.number().finite(),
  sumSquares: z.number().finite().nonnegative().optional(),
});
export type ArmSums = z.infer<typeof armSumsSchema>;

/** What every test consumes: sample size, mean and per-unit variance of one arm. */
export interface ArmSummary {
  n: number;
  mean: number;
  variance: number;
}

// Cancellation in sumSquares - sum²/n can leave a tiny negative number for constant data.
const ROUNDING = 1e-12;

export function summarizeArm(metric: MetricType, sums: ArmSums, arm = 'arm'): ArmSummary {
  const { n, sum } = sums;
  if (n < 2) {
    throw new StatsError('INSUFFICIENT_SAMPLE', `${arm} needs at least 2 units, got ${n}`, { arm, n });
  }
  const mean = sum / n;
  if (metric === 'proportion') {
    if (sum < 0 || sum > n) {
      throw new StatsError('INVALID_INPUT', `${arm} conversions must be between 0 and n`, { arm, n, sum });
    }
    return { n, mean, variance: mean * (1 - mean) };
  }
  if (sums.sumSquares === undefined) {
    throw new StatsError('INVALID_INPUT', `${arm} needs sumSquares for a mean metric`, { arm });
  }
  const centered = sums.sumSquares - (sum * sum) / n;
  if (centered < -ROUNDING * Math.max(1, sums.sumSquares)) {
    throw new StatsError('INVALID_INPUT', `${arm} sumSquares is smaller than sum²/n`, { arm, ...sums });
  }
  return { n, mean, variance: Math.max(0, centered) / (n - 1) };
}

/**
 * The arm a decision is taken on. A proportion's variance comes from (x + 1)/(n + 2) (Agresti and
 * Caffo's adjustment): an arm with 0 (or n) conversions then still carries the uncertainty it has
 * instead of claiming variance 0 (the plug-in p(1−p)), which made "0 of 40 converted" look certain.
 * The mean stays x/n. Other metrics use their sample variance.
 */
export function decisionArm(metric: MetricType, sums: ArmSums, arm = 'arm'): ArmSummary {
  const summary = summarizeArm(metric, sums, arm);
  if (metric !== 'proportion') return summary;
  const adjusted = (sums.sum + 1) / (sums.n + 2);
  return { ...summary, variance: adjusted * (1 - adjusted) };
}
