import { z } from 'zod';
import { PercentageSchema } from './key.schema';

export const DEFAULT_ROLLOUT_STAGES = [1, 5, 10, 25, 50, 100] as const;

export const AnalysisMethodSchema = z.enum(['fixed', 'sequential', 'bayesian']);
export type AnalysisMethod = z.infer<typeof AnalysisMethodSchema>;

export const RolloutPolicySchema = z
  .object({
    /** Rollout percentages, strictly increasing. */
    stages: z.array(PercentageSchema.refine((p) => p > 0, 'must be above 0')).min(1).max(20).default([...DEFAULT_ROLLOUT_STAGES]),
    minUnitsPerStage: z.number().int().min(0).default(1000),
    /** Seconds a stage must last before the rollout may advance. */
    minDurationPerStage: z.number().int().min(0).default(86_400),
    alpha: z.number().gt(0).lt(0.5).default(0.05),
    method: AnalysisMethodSchema.default('sequential'),
    requiresApproval: z.boolean().default(false),
  })
  .superRefine((policy, ctx) => {
    policy.stages.forEach((stage, i) => {
      if (i > 0 && stage <= policy.stages[i - 1]) {
        ctx.addIssue({ code: 'custom', path: ['stages', i], message: 'stages must be strictly increasing' });
      }
    });
  });
export type RolloutPolicy = z.infer<typeof RolloutPolicySchema>;
