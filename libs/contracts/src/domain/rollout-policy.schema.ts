import { z } from 'zod';
import { PercentageSchema } from './key.schema';

export const DEFAULT_ROLLOUT_STAGES = [1, 5, 10, 25, 50, 100] as const;

/**
 * `fixed` stays readable for experiments stored before it was refused: config-service no longer
 * accepts it in a policy (a fixed-horizon test checked at every analysis is not valid), and
 * analysis decides those experiments with the sequential test.
 */
export const AnalysisMethodSchema = z.enum(['fixed', 'sequential', 'bayesian']);
export type AnalysisMethod = z.infer<typeof AnalysisMethodSchema>;

/**
 * What lets a stage advance:
 * - win: the primary metric is significantly better for some treatment (an A/B test that ramps);
 * - safe: every guardrail is shown non-inferior within its tolerance (a guarded rollout, as
 *   LaunchDarkly's guarded rollouts and GrowthBook's Safe Rollouts): a harmless release ships.
 * In both, a guardrail shown to regress beyond its tolerance rolls back.
 */
export const AdvanceOnSchema = z.enum(['win', 'safe']);
export type AdvanceOn = z.infer<typeof AdvanceOnSchema>;

export const RolloutPolicySchema = z
  .object({
    /** Rollout percentages, strictly increasing. */
    stages: z.array(PercentageSchema.refine((p) => p > 0, 'must be above 0')).min(1).max(20).default([...DEFAULT_ROLLOUT_STAGES]),
    minUnitsPerStage: z.number().int().min(0).default(1000),
    /** Seconds a stage must last before the rollout may advance. */
    minDurationPerStage: z.number().int().min(0).default(86_400),
    alpha: z.number().gt(0).lt(0.5).default(0.05),
    method: AnalysisMethodSchema.default('sequential'),
    advanceOn: AdvanceOnSchema.default('win'),
    /**
     * Units (all variants) the experiment is planned to reach: the sequential test is tuned to be
     * tightest there (N*). Defaults to minUnitsPerStage × the number of stages (at least 100).
     */
    plannedUnits: z.number().int().min(10).max(1e10).optional(),
    /** Relative lift the plan should detect (e.g. 0.05); the results then show the power and units needed. */
    minimumDetectableEffect: z.number().positive().max(10).optional(),
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

/** N* of the sequential test for this policy. */
export function sequentialTuningOf(policy: Pick<RolloutPolicy, 'plannedUnits' | 'minUnitsPerStage' | 'stages'>): number {
  return policy.plannedUnits ?? Math.max(100, policy.minUnitsPerStage * policy.stages.length);
}

export interface PolicyProblem {
  path: string;
  message: string;
}

/**
 * Policies that parse but that automation cannot run safely (config-service answers 422):
 * every method a policy accepts must keep its error rates when decisions are taken at every
 * analysis interval, and a safe rollout needs something to be shown safe.
 */
export function rolloutPolicyProblems(policy: RolloutPolicy, guardrailCount: number): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  if (policy.method === 'fixed') {
    problems.push({
      path: 'rolloutPolicy.method',
      message:
        "'fixed' is a fixed-horizon test, valid at one planned look; a rollout decides at every analysis interval, " +
        "where it would advance about one A/A experiment in five. Use 'sequential' (or 'bayesian', which decides with the same sequential test)",
    });
  }
  if (policy.advanceOn === 'safe' && guardrailCount === 0) {
    problems.push({ path: 'guardrailMetrics', message: "advanceOn 'safe' advances when every guardrail is shown non-inferior: add at least one guardrail metric" });
  }
  return problems;
}
