import { Experiment, experimentRolloutPercentage, Flag, Holdout, Rule, valueMatchesType, VariantWeight } from '@xp/contracts';
import { rolloutThreshold, variantSalt } from './bucket';
import { compileCondition, Predicate, SegmentResolver } from './compile-condition';
import { CompileError } from './compile-error';
import { unitAttributeOf } from './exposure-unit';
import { CompiledFlag, CompiledRule } from './compiled-flag';
import { createHashPrefix } from './murmur3';
import { errorResult, ResultFactory } from './result-factory';
import { SemverCache } from './semver-cache';

export interface FlagCompileContext {
  readonly flagIndexes: ReadonlyMap<string, number>;
  readonly experiments: ReadonlyMap<string, Experiment>;
  readonly holdouts: readonly Holdout[];
  readonly segments: SegmentResolver;
  readonly semvers: SemverCache;
}

/** Order at evaluation: kill switch, overrides, prerequisites, holdouts, rules (first match wins), off variant. */
export function compileFlag(flag: Flag, context: FlagCompileContext): CompiledFlag {
  const results = new ResultFactory(flag);
  const base = { overrides: null, prerequisites: [], holdouts: [], rules: [] };
  if (!flag.enabled) {
    const disabled = results.off('DISABLED');
    return { key: flag.key, fixedResult: disabled, defaultResult: disabled, ...base };
  }
  try {
    checkVariants(flag);
    return {
      key: flag.key,
      fixedResult: null,
      overrides: compileOverrides(flag, results),
      prerequisites: flag.prerequisites.map((p) => {
        const flagIndex = context.flagIndexes.get(p.flagKey);
        if (flagIndex === undefined) throw new CompileError('GENERAL', `prerequisite flag '${p.flagKey}' not found`);
        return { flagIndex, allowed: new Set(p.variants), failed: results.off('DEFAULT') };
      }),
      holdouts: context.holdouts.flatMap((h, index) =>
        h.flagKeys.length === 0 || h.flagKeys.includes(flag.key) ? [{ index, result: results.off('DEFAULT', { holdout: h.key }) }] : [],
      ),
      rules: flag.rules.flatMap((rule) => compileRule(flag, rule, context, results)),
      defaultResult: results.off('DEFAULT'),
    };
  } catch (error) {
    if (!(error instanceof CompileError)) throw error;
    const broken = errorResult(flag.key, error.code, error.message);
    return { key: flag.key, fixedResult: broken, defaultResult: broken, ...base };
  }
}

function checkVariants(flag: Flag): void {
  for (const v of flag.variants) {
    if (!valueMatchesType(v.value, flag.valueType)) throw new CompileError('TYPE_MISMATCH', `variant '${v.key}' is not a ${flag.valueType}`);
  }
  if (!flag.variants.some((v) => v.key === flag.offVariant)) throw new CompileError('PARSE_ERROR', `unknown off variant '${flag.offVariant}'`);
}

function compileOverrides(flag: Flag, results: ResultFactory): Map<string, ReturnType<ResultFactory['serve']>> | null {
  const entries = Object.entries(flag.overrides ?? {});
  if (entries.length === 0) return null;
  return new Map(entries.map(([unit, variant]) => [unit, results.serve(requireVariant(flag, variant), 'TARGETING_MATCH')]));
}

function requireVariant(flag: Flag, variant: string): string {
  if (!flag.variants.some((v) => v.key === variant)) throw new CompileError('GENERAL', `unknown variant '${variant}' in flag '${flag.key}'`);
  return variant;
}

function compileRule(flag: Flag, rule: Rule, context: FlagCompileContext, results: ResultFactory): CompiledRule[] {
  const conditions: Predicate[] = rule.conditions.map((c) => compileCondition(c, context.segments, context.semvers));
  if (rule.experimentKey) return compileExperimentRule(flag, rule, conditions, context, results);
  const weights = rule.weights.filter((w) => w.weight > 0);
  weights.forEach((w) => requireVariant(flag, w.variant));
  if (weights.length === 0) throw new CompileError('PARSE_ERROR', `rule '${rule.id}' has no positive weight`);
  const threshold = rolloutThreshold(rule.rollout);
  if (threshold === 0) return [];
  if (weights.length === 1 && threshold >= 10_000) {
    return [{ kind: 'fixed', conditions, result: results.serve(weights[0].variant, 'TARGETING_MATCH', { ruleId: rule.id }) }];
  }
  return [{
    kind: 'split',
    conditions,
    threshold,
    ...allocation(weights, (variant) => results.serve(variant, 'SPLIT', { ruleId: rule.id })),
    rolloutPrefix: createHashPrefix(`${flag.salt}:`),
    variantPrefix: createHashPrefix(`${variantSalt(flag.salt)}:`),
    unitAttribute: null,
    layer: null,
  }];
}

function compileExperimentRule(flag: Flag, rule: Rule, conditions: Predicate[], context: FlagCompileContext, results: ResultFactory): CompiledRule[] {
  const exp = context.experiments.get(rule.experimentKey ?? '');
  if (!exp) throw new CompileError('GENERAL', `experiment '${rule.experimentKey}' not found`);
  if (exp.flagKey !== flag.key) throw new CompileError('GENERAL', `experiment '${exp.key}' drives flag '${exp.flagKey}', not '${flag.key}'`);
  exp.variants.forEach((v) => requireVariant(flag, v.key));
  if (exp.status === 'concluded' && exp.winner) {
    const experiment = { key: exp.key, variant: exp.winner, inExperiment: false };
    return [{ kind: 'fixed', conditions, result: results.serve(requireVariant(flag, exp.winner), 'TARGETING_MATCH', { ruleId: rule.id, experiment }) }];
  }
  // Draft, paused and archived experiments enrol nobody: the rule is skipped.
  if (exp.status !== 'running') return [];
  const threshold = rolloutThreshold(experimentRolloutPercentage(exp));
  if (threshold === 0) return [];
  const weights = exp.variants.filter((v) => v.weight > 0).map((v) => ({ variant: v.key, weight: v.weight }));
  return [{
    kind: 'split',
    conditions,
    threshold,
    ...allocation(weights, (variant) => results.serve(variant, 'SPLIT', { ruleId: rule.id, experiment: { key: exp.key, variant, inExperiment: true } })),
    rolloutPrefix: createHashPrefix(`${exp.key}:`),
    variantPrefix: createHashPrefix(`${variantSalt(exp.key)}:`),
    unitAttribute: unitAttributeOf(exp),
    layer: { prefix: createHashPrefix(`${exp.layer.key}:`), start: exp.layer.start, end: exp.layer.end },
  }];
}

function allocation(weights: readonly VariantWeight[], serve: (variant: string) => ReturnType<ResultFactory['serve']>) {
  const ends = new Int32Array(weights.length);
  let end = 0;
  weights.forEach((w, i) => {
    end += w.weight;
    ends[i] = end;
  });
  if (end !== 10_000) throw new CompileError('PARSE_ERROR', `weights sum to ${end}, not 10000`);
  return { ends, results: weights.map((w) => serve(w.variant)) };
}
