import { z } from 'zod';
import type { ArmSummary } from './arm-summary';
import { parseInput } from './parse-input';
import { StatsError } from './stats-error';

/** Sums of the metric y and the pre-exposure covariate x over one arm's units. */
export const cupedArmSumsSchema = z.object({
  n: z.number().int().nonnegative(),
  sum: z.number().finite(),
  sumSquares: z.number().finite().nonnegative(),
  covariateSum: z.number().finite(),
  covariateSumSquares: z.number().finite().nonnegative(),
  sumProducts: z.number().finite(),
});
export type CupedArmSums = z.infer<typeof cupedArmSumsSchema>;

export interface CupedResult {
  /** Pooled slope of y on x over both arms. */
  theta: number;
  control: ArmSummary;
  treatment: ArmSummary;
  /** 1 - adjusted/unadjusted variance of the absolute difference. */
  varianceReduction: number;
}

const centered = (sumA: number, sumB: number, sumAB: number, n: number) => sumAB - (sumA * sumB) / n;

/**
 * CUPED: y' = y - θ(x - x̄), with θ = cov(x, y) / var(x) over both arms pooled and x̄ the pooled
 * covariate mean (so adjusted means stay on the metric's scale and relative lifts keep their
 * meaning). θ is treated as known, as is standard: its estimation error is O(1/n).
 */
export function cupedAdjust(controlSums: CupedArmSums, treatmentSums: CupedArmSums): CupedResult {
  const control = parseInput(cupedArmSumsSchema, controlSums);
  const treatment = parseInput(cupedArmSumsSchema, treatmentSums);
  for (const [arm, sums] of [['control', control], ['treatment', treatment]] as const) {
    if (sums.n < 2) throw new StatsError('INSUFFICIENT_SAMPLE', `${arm} needs at least 2 units, got ${sums.n}`, { arm, n: sums.n });
  }
  const n = control.n + treatment.n;
  const sumX = control.covariateSum + treatment.covariateSum;
  const sumY = control.sum + treatment.sum;
  const sxx = centered(sumX, sumX, control.covariateSumSquares + treatment.covariateSumSquares, n);
  const sxy = centered(sumX, sumY, control.sumProducts + treatment.sumProducts, n);
  // A constant covariate carries no information: no adjustment.
  const theta = sxx > 0 ? sxy / sxx : 0;
  const pooledCovariateMean = sumX / n;

  const adjust = (s: CupedArmSums): { adjusted: ArmSummary; rawVariance: number } => {
    const varY = centered(s.sum, s.sum, s.sumSquares, s.n) / (s.n - 1);
    const varX = centered(s.covariateSum, s.covariateSum, s.covariateSumSquares, s.n) / (s.n - 1);
    const covXY = centered(s.covariateSum, s.sum, s.sumProducts, s.n) / (s.n - 1);
    const mean = s.sum / s.n - theta * (s.covariateSum / s.n - pooledCovariateMean);
    const variance = Math.max(0, varY + theta * theta * varX - 2 * theta * covXY);
    return { adjusted: { n: s.n, mean, variance }, rawVariance: Math.max(0, varY) };
  };
  const c = adjust(control);
  const t = adjust(treatment);
  const raw = c.rawVariance / control.n + t.rawVariance / treatment.n;
  const adjusted = c.adjusted.variance / control.n + t.adjusted.variance / treatment.n;
  return { theta, control: c.adjusted, treatment: t.adjusted, varianceReduction: raw > 0 ? 1 - adjusted / raw : 0 };
}
