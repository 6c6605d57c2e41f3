import { z } from 'zod';
import { DEFAULT_ENVIRONMENT, EnvironmentKeySchema } from './environment.schema';
import { KeySchema, PercentageSchema } from './key.schema';

/**
 * A share of units never exposed to any rule: they get each covered flag's off variant, so the
 * long-run effect of everything shipped can be measured against them.
 */
export const HoldoutSchema = z.object({
  key: KeySchema,
  salt: z.string().min(1).max(200),
  percentage: PercentageSchema,
  description: z.string().max(2000).default(''),
  /** The environment whose units it holds out (config-service keeps one set of holdouts per environment). */
  environment: EnvironmentKeySchema.default(DEFAULT_ENVIRONMENT),
  /** Flags the holdout covers; empty (and no experiments) means every flag. */
  flagKeys: z.array(KeySchema).max(1000).default([]),
  /** Experiments it holds out: their flags are covered too (assignment-service resolves them). */
  experimentKeys: z.array(KeySchema).max(1000).default([]),
});
export type Holdout = z.infer<typeof HoldoutSchema>;
export type HoldoutInput = z.input<typeof HoldoutSchema>;
