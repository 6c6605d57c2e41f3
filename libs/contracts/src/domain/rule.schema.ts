import { z } from 'zod';
import { ConditionSchema } from './condition.schema';
import { KeySchema, PercentageSchema } from './key.schema';
import { addDuplicateIssues, addWeightSumIssue, VariantWeightSchema } from './variant-weights.schema';

/**
 * A targeting rule: all conditions must hold, then `rollout` % of units (by hash) get a variant chosen by
 * `weights`. Units outside the rollout fall through to the next rule. When `experimentKey` is set and the
 * experiment is running, the experiment's variants, weights, stage and layer decide instead.
 */
export const RuleSchema = z
  .object({
    id: KeySchema,
    description: z.string().max(2000).default(''),
    conditions: z.array(ConditionSchema).max(100).default([]),
    rollout: PercentageSchema.default(100),
    weights: z.array(VariantWeightSchema).max(100).default([]),
    experimentKey: KeySchema.optional(),
    /**
     * Attribute whose value is hashed instead of the unit (stickiness on an account, a device, a session).
     * A unit without it (missing, null, empty or not a string or finite number) skips the rule.
     */
    hashAttribute: z.string().min(1).max(256).optional(),
    /** Salt of this rule's rollout (and variants unless `variantSalt`); the flag's salt when absent. */
    salt: z.string().min(1).max(200).optional(),
    /** Salt of this rule's variant choice, used as is (imports: Unleash feature variants hash on the feature name). */
    variantSalt: z.string().min(1).max(200).optional(),
  })
  .superRefine((rule, ctx) => {
    if (rule.experimentKey && (rule.hashAttribute || rule.salt || rule.variantSalt)) {
      ctx.addIssue({ code: 'custom', path: ['experimentKey'], message: "an experiment rule hashes with the experiment's key and unit attribute" });
    }
    if (rule.weights.length === 0) {
      if (!rule.experimentKey) ctx.addIssue({ code: 'custom', path: ['weights'], message: 'a rule without an experiment needs weights' });
      return;
    }
    addWeightSumIssue(rule.weights, ctx, ['weights']);
    addDuplicateIssues(rule.weights.map((w) => w.variant), ctx, (i) => ['weights', i, 'variant'], 'variant');
  });
export type Rule = z.infer<typeof RuleSchema>;
export type RuleInput = z.input<typeof RuleSchema>;
