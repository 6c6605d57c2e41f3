import gammaln from '@stdlib/math-base-special-gammaln';
import { z } from 'zod';
import { parseInput } from './parse-input';
import { SRM_THRESHOLD, srmInputSchema } from './srm-check';

/**
 * Concentration of the Dirichlet around the configured weights. Larger values look for smaller
 * imbalances and need more units to see big ones; 1,000 flags 1,000 vs 1,300 units at p 2e-6 and
 * 5,000 vs 5,500 at 6e-5 (GrowthBook's 10,000 needs about three times the units for those).
 */
export const DEFAULT_SRM_CONCENTRATION = 1_000;

export const sequentialSrmInputSchema = srmInputSchema.and(
  z.object({ concentration: z.number().finite().positive().default(DEFAULT_SRM_CONCENTRATION) }),
);
export type SequentialSrmInput = z.input<typeof sequentialSrmInputSchema>;

export interface SequentialSrmResult {
  method: 'sequential';
  /** Bayes factor of "the split follows a Dirichlet around the weights" against "exactly the weights". */
  bayesFactor: number;
  /** 1 / Bayes factor (capped at 1): P(ever this small | no mismatch) ≤ this value, however often one looks. */
  pValue: number;
  mismatch: boolean;
}

/**
 * Anytime-valid sample ratio mismatch test (Lindon & Malek 2022): the Dirichlet-multinomial mixture
 * likelihood ratio is a nonnegative martingale when units really follow the weights, so by Ville's
 * inequality P(BF ever ≥ 1/a) ≤ a. Checking it at every analysis keeps false HOLDs below the
 * threshold, which the chi-square test (a fixed-horizon test) does not. The ratio depends only on
 * the totals, so the sequence of looks needs no history.
 */
export function sequentialSrmCheck(input: SequentialSrmInput): SequentialSrmResult {
  const { observed, weights, concentration } = parseInput(sequentialSrmInputSchema, input);
  return sequentialSrmOf(observed, weights, concentration);
}

/** sequentialSrmCheck on already valid counts and positive weights (the analysis loop's own numbers). */
export function sequentialSrmOf(observed: readonly number[], weights: readonly number[], concentration = DEFAULT_SRM_CONCENTRATION): SequentialSrmResult {
  const weightTotal = weights.reduce((a, b) => a + b, 0);
  const total = observed.reduce((a, b) => a + b, 0);
  let logBf = gammaln(concentration) - gammaln(concentration + total);
  observed.forEach((x, i) => {
    const p = weights[i] / weightTotal;
    const a = concentration * p;
    logBf += gammaln(a + x) - gammaln(a) - x * Math.log(p);
  });
  const pValue = Math.min(1, Math.exp(-logBf));
  return { method: 'sequential', bayesFactor: Math.exp(logBf), pValue, mismatch: pValue < SRM_THRESHOLD };
}
