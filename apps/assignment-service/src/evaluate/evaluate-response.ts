import type { EvaluationErrorCode, EvaluationReason, ExperimentAssignment } from '@xp/evaluation';

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
