import type { EvaluationErrorCode, EvaluationReason, ExperimentAssignment as ExperimentAssignmentBody } from '@xp/contracts';

// The reasons, error codes and assignment are the HTTP contract's (`@xp/contracts`), so SDKs and the service agree.
export type { EvaluationErrorCode, EvaluationReason } from '@xp/contracts';
export type ExperimentAssignment = Readonly<ExperimentAssignmentBody>;

/**
 * Results are shared, frozen objects precomputed at compile time: treat them as read-only.
 * On ERROR, `variant` and `value` are null and the caller's default applies (OpenFeature semantics).
 */
export interface EvaluationResult {
  readonly flagKey: string;
  readonly variant: string | null;
  readonly value: unknown;
  readonly reason: EvaluationReason;
  readonly errorCode?: EvaluationErrorCode;
  readonly errorMessage?: string;
  readonly ruleId?: string;
  readonly experiment?: ExperimentAssignment;
  /** Set when the unit was held out of the flag's rules by this holdout. */
  readonly holdout?: string;
}

export type Attributes = Readonly<Record<string, unknown>>;
