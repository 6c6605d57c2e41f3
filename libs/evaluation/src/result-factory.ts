import { Flag } from '@xp/contracts';
import { EvaluationErrorCode, EvaluationReason, EvaluationResult, ExperimentAssignment } from './evaluation-result';

/** Builds the frozen, shared results a compiled flag hands out (no allocation at evaluation time). */
export class ResultFactory {
  private readonly values: Map<string, unknown>;

  constructor(private readonly flag: Flag) {
    this.values = new Map(flag.variants.map((v) => [v.key, deepFreeze(structuredClone(v.value))]));
  }

  serve(variant: string, reason: EvaluationReason, extra: { ruleId?: string; experiment?: ExperimentAssignment; holdout?: string } = {}): EvaluationResult {
    const result: EvaluationResult = { flagKey: this.flag.key, variant, value: this.values.get(variant), reason };
    if (extra.ruleId !== undefined) Object.assign(result, { ruleId: extra.ruleId });
    if (extra.experiment) Object.assign(result, { experiment: Object.freeze({ ...extra.experiment }) });
    if (extra.holdout !== undefined) Object.assign(result, { holdout: extra.holdout });
    return Object.freeze(result);
  }

  off(reason: EvaluationReason, extra: { holdout?: string } = {}): EvaluationResult {
    return this.serve(this.flag.offVariant, reason, extra);
  }
}

export function errorResult(flagKey: string, errorCode: EvaluationErrorCode, errorMessage: string): EvaluationResult {
  return Object.freeze({ flagKey, variant: null, value: null, reason: 'ERROR', errorCode, errorMessage });
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
