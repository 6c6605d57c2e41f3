import { z } from 'zod';
import { parseInput } from './parse-input';

export const adjustMethodSchema = z.enum(['holm', 'bh']);
export type AdjustMethod = z.infer<typeof adjustMethodSchema>;

export const adjustInputSchema = z.object({
  method: adjustMethodSchema,
  pValues: z.array(z.number().min(0).max(1)).min(1),
});
export type AdjustInput = z.infer<typeof adjustInputSchema>;

/**
 * Holm-Bonferroni (family-wise error) or Benjamini-Hochberg (false discovery rate) adjusted
 * p-values, returned in input order, monotone in the raw p-values and capped at 1.
 */
export function adjustPValues(input: AdjustInput): number[] {
  const { method, pValues } = parseInput(adjustInputSchema, input);
  const m = pValues.length;
  const order = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p || a.index - b.index);
  const adjusted = new Array<number>(m);
  if (method === 'holm') {
    // Step-down: running maximum from the smallest p upwards.
    let running = 0;
    order.forEach(({ p, index }, rank) => {
      running = Math.max(running, Math.min(1, (m - rank) * p));
      adjusted[index] = running;
    });
  } else {
    // Step-up: running minimum from the largest p downwards.
    let running = 1;
    for (let rank = m - 1; rank >= 0; rank -= 1) {
      const { p, index } = order[rank];
      running = Math.min(running, (m * p) / (rank + 1));
      adjusted[index] = running;
    }
  }
  return adjusted;
}
