import { z } from 'zod';
import { chiSquareSurvival } from './distributions';
import { parseInput } from './parse-input';

/** p below this flags a sample ratio mismatch (the usual, deliberately strict, SRM threshold). */
export const SRM_THRESHOLD = 0.001;

export const srmInputSchema = z
  .object({
    observed: z.array(z.number().int().nonnegative()).min(2),
    weights: z.array(z.number().finite().positive()).min(2),
  })
  .refine((v) => v.observed.length === v.weights.length, { message: 'observed and weights must have the same length', path: ['weights'] })
  .refine((v) => v.observed.some((o) => o > 0), { message: 'at least one unit must be observed', path: ['observed'] });
export type SrmInput = z.infer<typeof srmInputSchema>;

export interface SrmResult {
  chiSquare: number;
  df: number;
  pValue: number;
  mismatch: boolean;
}

/** Pearson chi-square goodness of fit of the units per variant against the configured weights. */
export function srmCheck(input: SrmInput): SrmResult {
  const { observed, weights } = parseInput(srmInputSchema, input);
  const total = observed.reduce((a, b) => a + b, 0);
  const weightTotal = weights.reduce((a, b) => a + b, 0);
  const chiSquare = observed.reduce((acc, o, i) => {
    const expected = (total * weights[i]) / weightTotal;
    return acc + ((o - expected) * (o - expected)) / expected;
  }, 0);
  const df = observed.length - 1;
  const pValue = chiSquareSurvival(chiSquare, df);
  return { chiSquare, df, pValue, mismatch: pValue < SRM_THRESHOLD };
}
