import { EnvironmentKeySchema, KeySchema } from '@xp/contracts';
import { z } from 'zod';

const record = z.record(z.string(), z.unknown());

/**
 * `POST /v1/guarded-rollouts`: a flag (its key, or a whole flag body to create it) and the experiment
 * that guards its rollout (an experiment body without `flagKey` and `environment`, which come from
 * here). Each body is checked by its own schema when it is written, so errors name its fields.
 */
export const GuardedRolloutCommandSchema = z.strictObject({
  flag: z.union([KeySchema, record]),
  environment: EnvironmentKeySchema.optional(),
  experiment: record,
  /** Start the experiment (and so the rollout) at once; false leaves it a draft. */
  start: z.boolean().default(true),
  comment: z.string().min(1).max(500).optional(),
});
export type GuardedRolloutCommand = z.infer<typeof GuardedRolloutCommandSchema>;
