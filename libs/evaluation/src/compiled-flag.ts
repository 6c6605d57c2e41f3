import { Predicate } from './compile-condition';
import { EvaluationResult } from './evaluation-result';
import { HashPrefix } from './hashing/murmur3';
import { SplitAssigner } from './hashing/split-assigner';

/** Serves one precomputed result to every unit matching the conditions. */
export interface FixedRule {
  readonly kind: 'fixed';
  readonly conditions: readonly Predicate[];
  readonly result: EvaluationResult;
}

/** A rule that buckets: rollout + weighted variants, hashed as the flag's `hashing` (experiments: always xp). */
export interface SplitRule {
  readonly kind: 'split';
  readonly conditions: readonly Predicate[];
  /** Attribute whose value is hashed instead of the unit (rule hash attribute, experiment unit attribute); null = the unit. */
  readonly hashAttribute: string | null;
  /** Experiments only: the unit's layer bucket must lie in [start, end). */
  readonly layer: { readonly prefix: HashPrefix; readonly start: number; readonly end: number } | null;
  readonly assign: SplitAssigner;
  /** Served when the rule needs the unit and none was given (OpenFeature without targetingKey). */
  readonly unitMissing: EvaluationResult;
}

export type CompiledRule = FixedRule | SplitRule;

export interface CompiledPrerequisite {
  readonly flagIndex: number;
  readonly allowed: ReadonlySet<string>;
  readonly failed: EvaluationResult;
}

export interface CompiledFlag {
  readonly key: string;
  /** Set when the flag is disabled or its configuration is broken: served as is. */
  readonly fixedResult: EvaluationResult | null;
  readonly overrides: ReadonlyMap<string, EvaluationResult> | null;
  readonly prerequisites: readonly CompiledPrerequisite[];
  /** Indexes into the evaluator's holdouts, with the result served to held-out units. */
  readonly holdouts: readonly { readonly index: number; readonly result: EvaluationResult }[];
  /** Served when a holdout covers the flag and no unit was given. */
  readonly unitMissing: EvaluationResult;
  readonly rules: readonly CompiledRule[];
  readonly defaultResult: EvaluationResult;
}
