import { z } from 'zod';
import { KeySchema, PercentageSchema } from './key.schema';

/**
 * A share of units never exposed to any rule: they get each covered flag's off variant, so the
 * long-run effect of everything shipped can be measured against them.
 */
export const HoldoutSchema = z.object({
  key: KeySchema,
  salt: z.string().min(1).max(200),
  percentage: PercentageSchema,
  /** Flags the holdout covers; empty means every flag. */
  flagKeys: z.array(KeySchema).max(1000).default([]),
});
export type Holdout = z.infer<typeof HoldoutSchema>;
export type HoldoutInput = z.input<typeof HoldoutSchema>;
