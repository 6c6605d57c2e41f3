import { Experiment, Ruleset } from '@xp/contracts';
import { rolloutThreshold } from './bucket';
import { compileFlag, FlagCompileContext } from './compile-flag';
import { createSegmentResolver } from './compile-segments';
import { CompiledFlag, CompiledRule, SplitRule } from './compiled-flag';
import { Attributes, EvaluationResult } from './evaluation-result';
import { exposureUnitId } from './exposure-unit';
import { createHashPrefix, HashPrefix, hashWithPrefix } from './murmur3';
import { errorResult } from './result-factory';
import { SemverCache } from './semver-cache';

export interface Evaluator {
  readonly version: number;
  readonly flagKeys: readonly string[];
  /** Results in the order of `flagKeys` (all flags of the ruleset when omitted). Never throws. */
  evaluate(unit: string, attributes?: Attributes | null, flagKeys?: readonly string[]): EvaluationResult[];
  evaluateFlag(flagKey: string, unit: string, attributes?: Attributes | null): EvaluationResult;
}

const NO_ATTRIBUTES: Attributes = Object.freeze({});
const BUCKETS = 10_000;

/** Compiles a (schema-valid) ruleset once: regexes, segments, semvers, hash prefixes and results are prepared up front. */
export function compileRuleset(ruleset: Ruleset): Evaluator {
  const semvers = new SemverCache();
  const flagIndexes = new Map(ruleset.flags.map((f, i) => [f.key, i]));
  const context: FlagCompileContext = {
    flagIndexes,
    experiments: new Map<string, Experiment>((ruleset.experiments ?? []).map((e) => [e.key, e])),
    holdouts: ruleset.holdouts ?? [],
    segments: createSegmentResolver(ruleset.segments ?? [], semvers),
    semvers,
  };
  const flags: CompiledFlag[] = ruleset.flags.map((f) => compileFlag(f, context));
  const holdoutPrefixes: HashPrefix[] = context.holdouts.map((h) => createHashPrefix(`${h.salt}:`));
  const holdoutThresholds = context.holdouts.map((h) => rolloutThreshold(h.percentage));
  const allKeys = ruleset.flags.map((f) => f.key);

  // Per-call memo (prerequisites, holdouts), reused across calls by bumping an epoch instead of allocating.
  let epoch = 0;
  const visited = new Uint32Array(flags.length);
  const done = new Uint32Array(flags.length);
  const memo: EvaluationResult[] = new Array(flags.length);
  const holdoutEpoch = new Uint32Array(holdoutPrefixes.length);
  const holdoutIn = new Uint8Array(holdoutPrefixes.length);
  const notFound = new Map<string, EvaluationResult>();

  function nextEpoch(): void {
    if (++epoch === 0xffffffff) {
      visited.fill(0);
      done.fill(0);
      holdoutEpoch.fill(0);
      epoch = 1;
    }
  }

  function inHoldout(index: number, unit: string): boolean {
    if (holdoutEpoch[index] !== epoch) {
      holdoutEpoch[index] = epoch;
      holdoutIn[index] = hashWithPrefix(holdoutPrefixes[index], unit) % BUCKETS < holdoutThresholds[index] ? 1 : 0;
    }
    return holdoutIn[index] === 1;
  }

  function evaluateIndex(index: number, unit: string, attributes: Attributes): EvaluationResult {
    if (done[index] === epoch) return memo[index];
    const flag = flags[index];
    if (visited[index] === epoch) return errorResult(flag.key, 'GENERAL', `prerequisite cycle through '${flag.key}'`);
    visited[index] = epoch;
    const result = computeFlag(flag, unit, attributes);
    memo[index] = result;
    done[index] = epoch;
    return result;
  }

  function computeFlag(flag: CompiledFlag, unit: string, attributes: Attributes): EvaluationResult {
    if (flag.fixedResult) return flag.fixedResult;
    const forced = flag.overrides?.get(unit);
    if (forced) return forced;
    const prerequisites = flag.prerequisites;
    for (let i = 0; i < prerequisites.length; i++) {
      const p = prerequisites[i];
      const r = evaluateIndex(p.flagIndex, unit, attributes);
      if (r.reason === 'ERROR') return errorResult(flag.key, 'GENERAL', `prerequisite '${r.flagKey}': ${r.errorMessage}`);
      if (r.variant === null || !p.allowed.has(r.variant)) return p.failed;
    }
    const holdouts = flag.holdouts;
    for (let i = 0; i < holdouts.length; i++) if (inHoldout(holdouts[i].index, unit)) return holdouts[i].result;
    const rules = flag.rules;
    for (let i = 0; i < rules.length; i++) {
      const result = applyRule(rules[i], unit, attributes);
      if (result) return result;
    }
    return flag.defaultResult;
  }

  return {
    version: ruleset.version,
    flagKeys: allKeys,
    evaluate(unitArg, attributesArg, keys = allKeys) {
      nextEpoch();
      const unit = typeof unitArg === 'string' ? unitArg : String(unitArg);
      const attributes = attributesArg ?? NO_ATTRIBUTES;
      const out: EvaluationResult[] = new Array(keys.length);
      for (let i = 0; i < keys.length; i++) {
        const index = flagIndexes.get(keys[i]);
        out[i] = index === undefined ? missingFlag(keys[i]) : evaluateIndex(index, unit, attributes);
      }
      return out;
    },
    evaluateFlag(flagKey, unitArg, attributesArg) {
      nextEpoch();
      const unit = typeof unitArg === 'string' ? unitArg : String(unitArg);
      const attributes = attributesArg ?? NO_ATTRIBUTES;
      const index = flagIndexes.get(flagKey);
      return index === undefined ? missingFlag(flagKey) : evaluateIndex(index, unit, attributes);
    },
  };

  function missingFlag(flagKey: string): EvaluationResult {
    let result = notFound.get(flagKey);
    if (!result) {
      result = errorResult(flagKey, 'FLAG_NOT_FOUND', `flag '${flagKey}' not found`);
      if (notFound.size < 1000) notFound.set(flagKey, result);
    }
    return result;
  }
}

function applyRule(rule: CompiledRule, unit: string, attributes: Attributes): EvaluationResult | null {
  const conditions = rule.conditions;
  for (let i = 0; i < conditions.length; i++) if (!conditions[i](attributes)) return null;
  return rule.kind === 'fixed' ? rule.result : split(rule, unit, attributes);
}

function split(rule: SplitRule, unit: string, attributes: Attributes): EvaluationResult | null {
  const unitId = exposureUnitId(rule.unitAttribute, unit, attributes);
  if (unitId === null) return null;
  const layer = rule.layer;
  if (layer !== null) {
    const bucket = hashWithPrefix(layer.prefix, unitId) % BUCKETS;
    if (bucket < layer.start || bucket >= layer.end) return null;
  }
  if (rule.threshold < BUCKETS && hashWithPrefix(rule.rolloutPrefix, unitId) % BUCKETS >= rule.threshold) return null;
  const ends = rule.ends;
  if (ends.length === 1) return rule.results[0];
  const bucket = hashWithPrefix(rule.variantPrefix, unitId) % BUCKETS;
  for (let i = 0; i < ends.length; i++) if (bucket < ends[i]) return rule.results[i];
  return rule.results[ends.length - 1];
}
