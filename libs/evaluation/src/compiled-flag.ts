import { Predicate } from './compile-condition';
import { EvaluationResult } from './evaluation-result';
import { HashPrefix } from './murmur3';

/** Serves one precomputed result to every unit matching the conditions. */
export interface FixedRule {
  readonly kind: 'fixed';
  readonly conditions: readonly Predicate[];
  readonly result: EvaluationResult;
}

/** Rollout + weighted variants hashed on the flag's salt (or, for experiments, the experiment key). */
export interface SplitRule {
  readonly kind: 'split';
  readonly conditions: readonly Predicate[];
  /** Bucket < threshold is inside the rollout. */
  readonly threshold: number;
  /** Cumulative bucket ends of the variants, in weight order. */
  readonly ends: Int32Array;
  readonly results: readonly EvaluationResult[];
  readonly rolloutPrefix: HashPrefix;
  readonly variantPrefix: HashPrefix;
  /** Experiments only: attribute holding the unit id (null = the unit argument) and the layer range. */
  readonly unitAttribute: string | null;
  readonly layer: { readonly prefix: HashPrefix; readonly start: number; readonly end: number } | null;
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
  readonly rules: readonly CompiledRule[];
  readonly defaultResult: EvaluationResult;
}
