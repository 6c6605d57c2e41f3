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
  /**
   * Metrics analysis-service compares between the held-out units and an equal-sized sample of the
   * others (the first is the primary); none: exposures are logged, no results are computed.
   */
  metrics: z.array(KeySchema).max(20).default([]),
});
export type Holdout = z.infer<typeof HoldoutSchema>;
export type HoldoutInput = z.input<typeof HoldoutSchema>;

/**
 * The two arms of a holdout's analysis: `holdout`, the held-out units (the control: none of the covered
 * flags' rules), and `general`, an equal-sized random sample of the others (everything shipped). With
 * p % held out the general arm is the next p % of the holdout's buckets (the remaining 100 - p % when p > 50).
 */
export const HOLDOUT_ARM = 'holdout';
export const GENERAL_ARM = 'general';
export type HoldoutArm = typeof HOLDOUT_ARM | typeof GENERAL_ARM;

/** Exposures of a holdout's arms are logged under this experiment key; experiment keys never contain a colon. */
export function holdoutExposureKey(holdoutKey: string): string {
  return `holdout:${holdoutKey}`;
}

/** The holdout key of an exposure key made by holdoutExposureKey, else undefined. */
export function holdoutKeyOfExposure(experimentKey: string): string | undefined {
  return experimentKey.startsWith('holdout:') ? experimentKey.slice('holdout:'.length) : undefined;
}
