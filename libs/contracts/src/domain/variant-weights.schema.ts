import { z } from 'zod';
import { BUCKET_COUNT, KeySchema, WeightSchema } from './key.schema';

/**
 * Weights are integer basis points (1 = 0.01 %) that sum to exactly 10,000 (100 %), so a split is
 * exact in the 10,000 hash buckets with no rounding.
 */
export const VariantWeightSchema = z.object({ variant: KeySchema, weight: WeightSchema });
export type VariantWeight = z.infer<typeof VariantWeightSchema>;

export function addWeightSumIssue(weights: readonly { weight: number }[], ctx: z.RefinementCtx, path: PropertyKey[]): void {
  const sum = weights.reduce((total, w) => total + w.weight, 0);
  if (sum !== BUCKET_COUNT) {
    ctx.addIssue({ code: 'custom', path, message: `weights must sum to ${BUCKET_COUNT} basis points (100 %), got ${sum}` });
  }
}

export function addDuplicateIssues(keys: readonly string[], ctx: z.RefinementCtx, path: (index: number) => PropertyKey[], what: string): void {
  const seen = new Set<string>();
  keys.forEach((key, i) => {
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: path(i), message: `duplicate ${what} '${key}'` });
    seen.add(key);
  });
}
