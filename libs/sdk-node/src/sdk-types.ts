import type { EvaluationErrorCode, EvaluationReason, EvaluationResult, ExperimentAssignment } from '@xp/evaluation';
import { z } from 'zod';

export type SdkErrorCode = EvaluationErrorCode | 'PROVIDER_NOT_READY';

/** The engine's result, plus PROVIDER_NOT_READY before the first ruleset arrived. */
export type SdkEvaluationResult = Omit<EvaluationResult, 'errorCode'> & { readonly errorCode?: SdkErrorCode };

/** One flag's answer, the same shape as the `results` entries of `POST /v1/evaluate`. */
export interface FlagResult {
  variant: string | null;
  value: unknown;
  reason: EvaluationReason;
  errorCode?: SdkErrorCode;
  experiment?: ExperimentAssignment;
}

/** Same shape as the body of `POST /v1/evaluate`'s answer. */
export interface EvaluateResponse {
  results: Record<string, FlagResult>;
  /** Version of the snapshot evaluated against; null before the first one arrived. */
  rulesetVersion: number | null;
}

const propertyValue = z.union([z.string().max(1000), z.number().finite(), z.boolean(), z.null()]);

/** A metric event as `track()` accepts it; matches the items of `POST /v1/events`. */
export const TrackEventSchema = z.object({
  unit: z.string().min(1).max(256),
  event: z.string().min(1).max(200),
  value: z.number().finite().optional(),
  /** ISO 8601; the client's clock when absent. */
  timestamp: z.iso.datetime({ offset: true }).optional(),
  properties: z.record(z.string().min(1).max(200), propertyValue).optional(),
  /** Idempotency id; a random UUID when absent, so retried batches are not double counted. */
  id: z.string().min(1).max(100).optional(),
});
export type TrackEvent = z.input<typeof TrackEventSchema>;

/** An item of `POST /v1/exposures` (the exposure message data, `unit` as in /v1/evaluate, its time and an idempotency id). */
export interface ExposureItem {
  experimentKey: string;
  flagKey: string;
  variant: string;
  unit: string;
  unitAttribute?: string;
  stage?: number;
  percentage?: number;
  timestamp: string;
  id: string;
}
