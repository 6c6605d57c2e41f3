import { z } from 'zod';
import { messageKeySchema } from '../common-schemas';
import { EnvironmentKeySchema } from '../domain/environment.schema';

export const MAX_ATTRIBUTES = 100;
export const MAX_FLAGS_PER_REQUEST = 1000;

const scalar = z.union([z.string().max(4096), z.number(), z.boolean()]);

/** Attribute values the engine's operators read: scalars, null, and short lists of scalars. */
const attributeValue = z.union([scalar, z.null(), z.array(scalar).max(100)]);

/** Body of `POST /v1/evaluate`. */
export const evaluateRequestSchema = z.object({
  unit: z.string().min(1, 'must not be empty').max(256),
  attributes: z
    .record(z.string().min(1).max(200), attributeValue)
    .refine((a) => Object.keys(a).length <= MAX_ATTRIBUTES, `at most ${MAX_ATTRIBUTES} attributes`)
    .optional(),
  /** Flags to evaluate; all flags of the ruleset when omitted. Unknown keys answer ERROR / FLAG_NOT_FOUND. */
  flags: z.array(z.string().min(1).max(200)).max(MAX_FLAGS_PER_REQUEST).optional(),
  /** For a key not scoped to an environment: the one to evaluate in (else `?environment=`, else production). */
  environment: EnvironmentKeySchema.optional(),
});
export type EvaluateRequest = z.infer<typeof evaluateRequestSchema>;

/** OpenFeature resolution reasons the engine gives. */
export const evaluationReasonSchema = z.enum(['DISABLED', 'TARGETING_MATCH', 'SPLIT', 'DEFAULT', 'ERROR']);
export type EvaluationReason = z.infer<typeof evaluationReasonSchema>;

/** OpenFeature error codes the engine gives; details go in the engine's `errorMessage`. */
export const evaluationErrorCodeSchema = z.enum(['FLAG_NOT_FOUND', 'TYPE_MISMATCH', 'PARSE_ERROR', 'GENERAL', 'TARGETING_KEY_MISSING']);
export type EvaluationErrorCode = z.infer<typeof evaluationErrorCodeSchema>;

/** The engine's codes, plus PROVIDER_NOT_READY from an SDK evaluating locally before its first ruleset. */
export const flagErrorCodeSchema = z.enum([...evaluationErrorCodeSchema.options, 'PROVIDER_NOT_READY']);
export type FlagErrorCode = z.infer<typeof flagErrorCodeSchema>;

export const experimentAssignmentSchema = z.object({
  key: messageKeySchema,
  variant: messageKeySchema,
  /** True when the unit is enrolled in a running experiment (an exposure should be logged). */
  inExperiment: z.boolean(),
});
export type ExperimentAssignment = z.infer<typeof experimentAssignmentSchema>;

/** One flag's answer: an entry of `results` in `POST /v1/evaluate`, and what an SDK's local `evaluate` returns. */
export const flagResultSchema = z.object({
  variant: z.string().nullable(),
  value: z.unknown(),
  reason: evaluationReasonSchema,
  errorCode: flagErrorCodeSchema.optional(),
  experiment: experimentAssignmentSchema.optional(),
  /** Set when a holdout kept the unit out of the flag's rules (it got the off variant). */
  holdout: z.string().optional(),
});
export type FlagResult = z.infer<typeof flagResultSchema>;

/** Answer of `POST /v1/evaluate`. */
export const evaluateResponseSchema = z.object({
  results: z.record(messageKeySchema, flagResultSchema),
  /** Event-store position of the ruleset evaluated against. */
  rulesetVersion: z.number().int().min(0),
});
export type EvaluateResponse = z.infer<typeof evaluateResponseSchema>;
