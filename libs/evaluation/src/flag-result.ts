import type { FlagErrorCode, FlagResult } from '@xp/contracts';
import type { EvaluationResult } from './evaluation-result';

/** An engine result (or an SDK's not-ready stand-in) whose error code may be any of the contract's. */
export type EvaluationResultLike = Omit<EvaluationResult, 'errorCode'> & { readonly errorCode?: FlagErrorCode };

/** One flag's answer as `POST /v1/evaluate` and the SDKs show it: the engine's result minus its internals. */
export function toFlagResult(r: EvaluationResultLike): FlagResult {
  const out: FlagResult = { variant: r.variant, value: r.value, reason: r.reason };
  if (r.errorCode !== undefined) out.errorCode = r.errorCode;
  if (r.experiment !== undefined) out.experiment = r.experiment;
  if (r.holdout !== undefined) out.holdout = r.holdout;
  return out;
}
