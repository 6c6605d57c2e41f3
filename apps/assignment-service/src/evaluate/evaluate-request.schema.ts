import { z } from 'zod';

export const MAX_ATTRIBUTES = 100;
export const MAX_FLAGS_PER_REQUEST = 1000;

const scalar = z.union([z.string().max(4096), z.number(), z.boolean()]);

/** Attribute values the engine's operators read: scalars, null, and short lists of scalars. */
const attributeValue = z.union([scalar, z.null(), z.array(scalar).max(100)]);

export const evaluateRequestSchema = z.object({
  unit: z.string().min(1, 'must not be empty').max(256),
  attributes: z
    .record(z.string().min(1).max(200), attributeValue)
    .refine((a) => Object.keys(a).length <= MAX_ATTRIBUTES, `at most ${MAX_ATTRIBUTES} attributes`)
    .optional(),
  /** Flags to evaluate; all flags of the ruleset when omitted. Unknown keys answer ERROR / FLAG_NOT_FOUND. */
  flags: z.array(z.string().min(1).max(200)).max(MAX_FLAGS_PER_REQUEST).optional(),
});

export type EvaluateRequest = z.infer<typeof evaluateRequestSchema>;
