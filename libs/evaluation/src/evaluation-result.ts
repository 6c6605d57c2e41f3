/** OpenFeature resolution reasons used by the engine. */
export type EvaluationReason = 'DISABLED' | 'TARGETING_MATCH' | 'SPLIT' | 'DEFAULT' | 'ERROR';

/** OpenFeature error codes; details go in `errorMessage`. */
export type EvaluationErrorCode = 'FLAG_NOT_FOUND' | 'TYPE_MISMATCH' | 'PARSE_ERROR' | 'GENERAL' | 'TARGETING_KEY_MISSING';

export interface ExperimentAssignment {
  readonly key: string;
  readonly variant: string;
  /** True when the unit is enrolled in a running experiment (an exposure should be logged). */
  readonly inExperiment: boolean;
}

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
