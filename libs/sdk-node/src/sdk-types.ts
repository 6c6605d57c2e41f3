import type { EvaluateResponse as ServiceEvaluateResponse, EventItemInput, ExposureItem, FlagErrorCode, FlagResult, ItemIssue } from '@xp/contracts';
import type { EvaluationResultLike } from '@xp/evaluation';

// The HTTP contract's types, under the names SDK users know.
export type { ExposureItem, FlagResult };

export type SdkErrorCode = FlagErrorCode;

/** The engine's result, plus PROVIDER_NOT_READY before the first ruleset arrived. */
export type SdkEvaluationResult = EvaluationResultLike;

/** Same shape as the body of `POST /v1/evaluate`'s answer; `rulesetVersion` is null before the first ruleset. */
export type EvaluateResponse = Omit<ServiceEvaluateResponse, 'rulesetVersion'> & { rulesetVersion: number | null };

/** A metric event as `track()` accepts it: an item of `POST /v1/events` (`eventItemSchema`). */
export type TrackEvent = EventItemInput;

/** An item that will not be stored, and why: refused by assignment-service (a 207 or 400 answer) or by the SDK's own check. */
export interface RejectedItemReport {
  endpoint: 'events' | 'exposures';
  item: unknown;
  errors: ItemIssue[];
  /** `server`: listed as rejected by assignment-service; `client`: failed the contract before it was sent. */
  by: 'server' | 'client';
}
