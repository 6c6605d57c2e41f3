import { z } from 'zod';
import { BUCKET_COUNT, KeySchema, PercentageSchema } from './key.schema';
import { DEFAULT_ENVIRONMENT, EnvironmentKeySchema } from './environment.schema';
import { ExperimentStatusSchema } from './experiment-status';
import { RolloutPolicySchema } from './rollout-policy.schema';
import { addDuplicateIssues, addWeightSumIssue } from './variant-weights.schema';

export const ExperimentVariantSchema = z.object({
  /** A variant key of the driven flag. */
  key: KeySchema,
  /** Basis points; the variants' weights sum to 10,000. */
  weight: z.number().int().min(0).max(BUCKET_COUNT),
  control: z.boolean().default(false),
});
export type ExperimentVariant = z.infer<typeof ExperimentVariantSchema>;

/** A unit is hashed with the layer key into 10,000 buckets; the experiment owns buckets [start, end). */
export const LayerAllocationSchema = z
  .object({ key: KeySchema, start: z.number().int().min(0).max(BUCKET_COUNT), end: z.number().int().min(0).max(BUCKET_COUNT) })
  .refine((l) => l.start < l.end, { path: ['end'], message: 'end must be greater than start' });
export type LayerAllocation = z.infer<typeof LayerAllocationSchema>;

export const GuardrailSchema = z.object({
  metricKey: KeySchema,
  /** Relative regression tolerated before the guardrail fails, e.g. 0.02 = 2 % worse. */
  maxRegression: z.number().min(0).max(10),
});
export type Guardrail = z.infer<typeof GuardrailSchema>;

export const ExperimentSchema = z
  .object({
    key: KeySchema,
    flagKey: KeySchema,
    /** The one environment the experiment (and its rollout) runs in; its flag's rules there refer to it. */
    environment: EnvironmentKeySchema.default(DEFAULT_ENVIRONMENT),
    hypothesis: z.string().max(5000).default(''),
    variants: z.array(ExperimentVariantSchema).min(2).max(20),
    /** Attribute holding the unit id; `unitId` means the unit passed to evaluate(). */
    unitAttribute: z.string().min(1).max(256).default('unitId'),
    layer: LayerAllocationSchema,
    primaryMetric: KeySchema,
    secondaryMetrics: z.array(KeySchema).max(50).default([]),
    guardrailMetrics: z.array(GuardrailSchema).max(50).default([]),
    rolloutPolicy: RolloutPolicySchema.prefault({}),
    status: ExperimentStatusSchema.default('draft'),
    currentStageIndex: z.number().int().min(0).default(0),
    /** Explicit percentage set by a rollout command; when absent the current stage's percentage applies. */
    rolloutPercentage: PercentageSchema.optional(),
    winner: KeySchema.optional(),
  })
  .superRefine((exp, ctx) => {
    addWeightSumIssue(exp.variants, ctx, ['variants']);
    addDuplicateIssues(exp.variants.map((v) => v.key), ctx, (i) => ['variants', i, 'key'], 'variant');
    const controls = exp.variants.filter((v) => v.control).length;
    if (controls !== 1) ctx.addIssue({ code: 'custom', path: ['variants'], message: `exactly one control variant required, got ${controls}` });
    if (exp.currentStageIndex >= exp.rolloutPolicy.stages.length) {
      ctx.addIssue({ code: 'custom', path: ['currentStageIndex'], message: 'beyond the last rollout stage' });
    }
    if (exp.status === 'concluded' && !exp.winner) ctx.addIssue({ code: 'custom', path: ['winner'], message: 'a concluded experiment needs a winner' });
    if (exp.winner && exp.status !== 'concluded' && exp.status !== 'archived') {
      ctx.addIssue({ code: 'custom', path: ['winner'], message: `only a concluded experiment has a winner (status ${exp.status})` });
    }
    if (exp.winner && !exp.variants.some((v) => v.key === exp.winner)) {
      ctx.addIssue({ code: 'custom', path: ['winner'], message: `unknown variant '${exp.winner}'` });
    }
  });
export type Experiment = z.infer<typeof ExperimentSchema>;
export type ExperimentInput = z.input<typeof ExperimentSchema>;

/** Percentage of units currently enrolled: the explicit rollout percentage, else the current stage's. */
export function experimentRolloutPercentage(exp: Pick<Experiment, 'rolloutPercentage' | 'rolloutPolicy' | 'currentStageIndex'>): number {
  return exp.rolloutPercentage ?? exp.rolloutPolicy.stages[exp.currentStageIndex] ?? 0;
}
