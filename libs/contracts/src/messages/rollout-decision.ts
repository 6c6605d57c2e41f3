import { z } from 'zod';
import { finiteNumber, jsonObjectSchema, messageKeySchema, percentageSchema, probabilitySchema } from '../common-schemas';
import { AnalysisMethodSchema } from '../domain/rollout-policy.schema';
import { defineMessageType } from '../message-type';

export const decisionKindSchema = z.enum(['ADVANCE', 'HOLD', 'SHIP', 'ROLLBACK']);

export const intervalSchema = z
  .object({ lower: finiteNumber, upper: finiteNumber })
  .refine((i) => i.lower <= i.upper, { message: 'lower must not exceed upper' });

/**
 * The estimate for one metric and one treatment variant against the control, from the same
 * sequential test and correction as the decision: `interval` and `absoluteInterval` are the
 * confidence sequences at level `level` (α over the comparisons of the decision family), and
 * `pValue` is the always-valid p-value of that sequence, Bonferroni-adjusted: pValue < α exactly
 * when the interval excludes 0.
 */
export const metricEstimateSchema = z.object({
  metricKey: messageKeySchema,
  variant: messageKeySchema,
  controlVariant: messageKeySchema,
  /** Relative lift of the treatment over the control (0.05 = +5 %); absent when the control mean is 0. */
  lift: finiteNumber.optional(),
  /** Absent when the control mean is not distinguishable from 0 (the relative interval is unbounded). */
  interval: intervalSchema.optional(),
  /** Treatment mean − control mean, in the metric's unit. */
  absoluteLift: finiteNumber.optional(),
  absoluteInterval: intervalSchema.optional(),
  pValue: probabilitySchema.optional(),
  /** α / comparisons in the family: the level of the intervals. */
  level: probabilitySchema.optional(),
  /** Bayesian chance that the treatment is better in the metric's good direction. */
  chanceToWin: probabilitySchema.optional(),
  guardrail: z.boolean().optional(),
  /** Guardrails: the relative change tolerated in the bad direction, and what the sequence shows. */
  tolerance: finiteNumber.optional(),
  regression: z.boolean().optional(),
  nonInferior: z.boolean().optional(),
});

export const decisionEvidenceSchema = z.object({
  unitsPerVariant: z.record(messageKeySchema, z.number().int().min(0)),
  metrics: z.array(metricEstimateSchema).max(1000),
  srmPValue: probabilitySchema.optional(),
});

/** What the decision engine concluded for an experiment's current rollout stage, and why. */
export const rolloutDecisionDataSchema = z.object({
  /** Deterministic (same inputs => same id) so that consumers can drop redelivered decisions. */
  decisionId: z.string().min(1).max(300),
  experimentKey: messageKeySchema,
  kind: decisionKindSchema,
  stageIndex: z.number().int().min(0),
  percentage: percentageSchema,
  nextStageIndex: z.number().int().min(0).optional(),
  nextPercentage: percentageSchema.optional(),
  reason: z.string().min(1).max(2000),
  /** Same vocabulary as the experiment's rollout policy. */
  method: AnalysisMethodSchema,
  evidence: decisionEvidenceSchema,
  /** SHIP: the treatment that ships, chosen by the analysis (significantly better in the metric's direction, or shown safe). */
  winner: messageKeySchema.optional(),
  /** The rollout policy as it was when the decision was taken. */
  policy: jsonObjectSchema,
});

export type DecisionKind = z.infer<typeof decisionKindSchema>;
export type MetricEstimate = z.infer<typeof metricEstimateSchema>;
export type DecisionEvidence = z.infer<typeof decisionEvidenceSchema>;
export type RolloutDecisionData = z.infer<typeof rolloutDecisionDataSchema>;

export const rolloutDecisionMessage = defineMessageType('rollout.decision', 1, rolloutDecisionDataSchema);
