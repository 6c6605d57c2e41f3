import type { EvaluationErrorCode, EvaluationReason, EvaluationResult, ExperimentAssignment } from '@xp/evaluation';

/** One flag's answer, exactly as api-contracts.md defines it (SDKs compare against it). */
export interface FlagResultBody {
  variant: string | null;
  value: unknown;
  reason: EvaluationReason;
  errorCode?: EvaluationErrorCode;
  experiment?: ExperimentAssignment;
}

export interface EvaluateResponse {
  results: Record<string, FlagResultBody>;
  rulesetVersion: number;
}

/** One flag's answer as the API shows it (the engine's result minus its internals). */
export function toBody(r: EvaluationResult): FlagResultBody {
  const body: FlagResultBody = { variant: r.variant, value: r.value, reason: r.reason };
  if (r.errorCode !== undefined) body.errorCode = r.errorCode;
  if (r.experiment !== undefined) body.experiment = r.experiment;
  return body;
}
