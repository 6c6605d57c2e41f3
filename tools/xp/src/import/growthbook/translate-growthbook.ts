import { BUCKET_COUNT, type FlagInput, type Hashing, type RuleInput, type SegmentInput } from '@xp/contracts';
import { CannotTranslate, type ImportNote, type ImportPlan, orderByPrerequisites, toKey, type Untranslatable } from '../import-plan';
import { type ConditionContext, translateCondition } from './growthbook-conditions';
import { growthbookVariants, type ValueKeys } from './growthbook-values';

type GbRule = Record<string, unknown>;
interface GbFeature {
  defaultValue?: unknown;
  rules?: GbRule[];
}

interface Context {
  notes: ImportNote[];
  untranslatable: Untranslatable[];
  segments: Map<string, SegmentInput>;
  savedGroups: Record<string, unknown>;
}

/**
 * A GrowthBook SDK payload (`{ features, savedGroups? }`, as /api/features/<client key> serves it) -> flags with
 * `hashing: "growthbook-v1" | "growthbook-v2"` (force rules keep their coverage, experiment rules their bucket
 * ranges, on the same seeds), saved groups as segments, `$or` conditions as several rules.
 */
export function translateGrowthbook(json: unknown): ImportPlan {
  const payload = (json ?? {}) as { features?: Record<string, GbFeature>; savedGroups?: Record<string, unknown>; encryptedFeatures?: string; experiments?: unknown[] };
  if (payload.encryptedFeatures) throw new Error('the payload is encrypted: export it decrypted (or decrypt it with the SDK connection key) first');
  if (!payload.features || typeof payload.features !== 'object') throw new Error('not a GrowthBook features payload: no "features" object');
  const context: Context = { notes: [], untranslatable: [], segments: new Map(), savedGroups: payload.savedGroups ?? {} };
  (payload.experiments ?? []).forEach((_, i) =>
    context.untranslatable.push({ path: `experiments.${i}`, construct: 'auto experiment (visual editor / URL redirect)', reason: 'it changes pages in the browser SDK; there is no flag to import' }),
  );
  const keys = new Map<string, string>();
  const used = new Set<string>();
  for (const id of Object.keys(payload.features)) {
    let key = toKey(id);
    for (let i = 2; used.has(key); i++) key = `${toKey(id)}-${i}`;
    used.add(key);
    keys.set(id, key);
  }
  const built = Object.entries(payload.features).map(([id, feature]) => ({ id, feature, values: growthbookVariants(id, feature, context.notes) }));
  const flags = built.map(({ id, feature, values }) => translateFeature(id, feature, values, keys, built, context));
  context.notes.push({ path: 'context', message: "evaluate with the unit = GrowthBook's `id` attribute (the default hashAttribute); other hash attributes are read from the attributes" });
  return { source: 'growthbook', segments: [...context.segments.values()], flags: orderByPrerequisites(flags), notes: context.notes, untranslatable: context.untranslatable };
}

function translateFeature(id: string, feature: GbFeature, values: ValueKeys, keys: Map<string, string>, built: { id: string; values: ValueKeys }[], context: Context): FlagInput {
  const path = `features.${id}`;
  const key = keys.get(id) as string;
  if (key !== id) context.notes.push({ path, message: `keyed '${key}' (its hashes still use the id '${id}')` });
  const rules: RuleInput[] = [];
  const prerequisites: NonNullable<FlagInput['prerequisites']> = [];
  let hashVersion: 1 | 2 | null = null;
  (feature.rules ?? []).forEach((rule, index) => {
    const rulePath = `${path}.rules.${index}`;
    try {
      const hashes = rule.variations !== undefined || rule.coverage !== undefined || rule.range !== undefined;
      const version = rule.hashVersion === 2 ? 2 : 1;
      if (hashes) {
        hashVersion ??= version;
        if (version !== hashVersion) throw new CannotTranslate(`hashVersion ${version}`, `the flag hashes with version ${hashVersion} (its first bucketing rule); one flag has one hashing`);
      }
      prerequisites.push(...gatePrerequisites(rule, built, keys, rulePath, context));
      rules.push(...translateRule(id, rule, index, values, context, rulePath));
    } catch (error) {
      if (!(error instanceof CannotTranslate)) throw error;
      context.untranslatable.push({ path: rulePath, construct: error.construct, reason: `${error.reason}; the rule is left out, so its users fall through to the next one` });
    }
  });
  const hashing: Hashing | undefined = hashVersion === null ? undefined : hashVersion === 2 ? 'growthbook-v2' : 'growthbook-v1';
  return {
    key,
    description: `Imported from GrowthBook feature '${id}'`,
    valueType: values.valueType,
    variants: values.variants,
    offVariant: values.keyOf(feature.defaultValue ?? null),
    enabled: true,
    salt: id,
    ...(hashing ? { hashing } : {}),
    ...(prerequisites.length > 0 ? { prerequisites } : {}),
    rules,
  };
}

function conditionContext(context: Context, path: string): ConditionContext {
  return {
    note: (message) => {
      if (!context.notes.some((n) => n.message === message)) context.notes.push({ path, message });
    },
    savedGroup: (groupId, attribute) => savedGroupSegments(groupId, attribute, context),
  };
}

/** A saved group is a list of values for one attribute: two segments, a scalar attribute in it or a list attribute sharing an item. */
function savedGroupSegments(groupId: string, attribute: string, context: Context): string[] {
  const entry = context.savedGroups[groupId];
  const values = Array.isArray(entry) ? entry : entry && typeof entry === 'object' && (entry as { type?: string }).type === 'list' ? (entry as { values?: unknown }).values : undefined;
  if (!Array.isArray(values)) {
    if (entry === undefined) throw new CannotTranslate(`saved group '${groupId}'`, 'not in the payload (GrowthBook treats it as an empty list)');
    throw new CannotTranslate(`saved group '${groupId}'`, 'not a list of values');
  }
  const base = `sg-${toKey(groupId)}-${toKey(attribute)}`;
  if (!context.segments.has(base)) {
    const scalars = values.filter((v): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v));
    const description = `GrowthBook saved group '${groupId}' on ${attribute}`;
    context.segments.set(base, { key: base, description, conditions: [{ attribute, operator: 'in', values: scalars }] });
    context.segments.set(`${base}-list`, { key: `${base}-list`, description: `${description} (list attributes)`, conditions: [{ attribute, operator: 'containsAny', values: scalars }] });
  }
  return [base, `${base}-list`];
}

function translateRule(featureId: string, rule: GbRule, index: number, values: ValueKeys, context: Context, path: string): RuleInput[] {
  for (const unsupported of ['range', 'ranges', 'namespace', 'filters'] as const) {
    if (rule[unsupported] !== undefined) {
      throw new CannotTranslate(unsupported, unsupported === 'namespace' ? 'namespaces hash on their own (v1) seed: mutual exclusion here is by xp layers' : 'explicit bucket ranges and filters are not expressible as a rollout and weights');
    }
  }
  if (Array.isArray(rule.parentConditions) && rule.parentConditions.some((p) => !(p as { gate?: boolean }).gate)) {
    throw new CannotTranslate('parentConditions on a rule', 'only gating prerequisites (the whole feature) are flag prerequisites here');
  }
  if (rule.fallbackAttribute !== undefined || rule.bucketVersion !== undefined) {
    context.notes.push({ path, message: 'sticky bucketing (fallbackAttribute, bucketVersion) is not reproduced: assignment follows the hash alone' });
  }
  const alternatives = translateCondition(rule.condition, conditionContext(context, path));
  const id = toKey(typeof rule.id === 'string' ? rule.id : `rule-${index + 1}`);
  const hashAttribute = typeof rule.hashAttribute === 'string' && rule.hashAttribute !== 'id' ? rule.hashAttribute : undefined;
  let shape: Omit<RuleInput, 'id' | 'conditions'>;
  if (rule.variations !== undefined) shape = experimentShape(featureId, rule, values, context, path);
  else if (rule.force !== undefined) shape = forceShape(featureId, rule, values, context, path);
  else throw new CannotTranslate('rule', 'neither a force rule nor an experiment');
  if (shape.rollout === 0) {
    context.notes.push({ path, message: 'coverage 0: GrowthBook serves this rule to nobody; not imported' });
    return [];
  }
  const withHash = hashAttribute && (shape.rollout !== 100 || (shape.weights ?? []).length > 1 || rule.coverage !== undefined) ? { hashAttribute } : {};
  return alternatives.map((conditions, i) => ({ id: alternatives.length > 1 ? `${id}-or-${i + 1}` : id, conditions, ...shape, ...withHash }));
}

/** Force rule: `n <= coverage` in GrowthBook; the largest bucket count k with k / 10000 <= coverage reproduces it exactly. */
function forceShape(featureId: string, rule: GbRule, values: ValueKeys, context: Context, path: string): Omit<RuleInput, 'id' | 'conditions'> {
  const variant = values.keyOf(rule.force);
  const salt = typeof rule.seed === 'string' && rule.seed !== featureId ? { salt: rule.seed } : {};
  if (rule.coverage === undefined) return { rollout: 100, weights: [{ variant, weight: BUCKET_COUNT }] };
  const coverage = Number(rule.coverage);
  if (!Number.isFinite(coverage)) throw new CannotTranslate('coverage', `${JSON.stringify(rule.coverage)} is not a number`);
  let k = Math.min(BUCKET_COUNT, Math.max(0, Math.floor(coverage * BUCKET_COUNT)));
  while (k < BUCKET_COUNT && (k + 1) / BUCKET_COUNT <= coverage) k++;
  while (k > 0 && k / BUCKET_COUNT > coverage) k--;
  if (coverage <= 0) k = 0;
  if (k / BUCKET_COUNT !== coverage && coverage > 0 && coverage < 1) context.notes.push({ path, message: `coverage ${coverage} acts as ${k / BUCKET_COUNT} on GrowthBook's hash grid: imported as ${k / 100} %` });
  return { rollout: k / 100, weights: [{ variant, weight: BUCKET_COUNT }], ...salt };
}

/** Experiment rule: weights and coverage as basis points; the growthbook hashing lays out GrowthBook's ranges from them. */
function experimentShape(featureId: string, rule: GbRule, values: ValueKeys, context: Context, path: string): Omit<RuleInput, 'id' | 'conditions'> {
  const variations = rule.variations as unknown[];
  if (!Array.isArray(variations) || variations.length === 0) throw new CannotTranslate('experiment', 'no variations');
  const keys = variations.map((v) => values.keyOf(v));
  if (new Set(keys).size !== keys.length) throw new CannotTranslate('experiment variations', 'two variations serve the same value');
  let weights = Array.isArray(rule.weights) && rule.weights.length === variations.length ? (rule.weights as number[]) : variations.map(() => 1 / variations.length);
  const total = weights.reduce((a, b) => a + b, 0);
  if (total < 0.99 || total > 1.01) weights = variations.map(() => 1 / variations.length);
  const bp = weights.map((w) => Math.round(w * BUCKET_COUNT));
  bp[bp.length - 1] += BUCKET_COUNT - bp.reduce((a, b) => a + b, 0);
  if (bp.some((b, i) => b / BUCKET_COUNT !== weights[i])) {
    context.notes.push({ path, message: `weights ${JSON.stringify(weights)} are not whole basis points: imported as ${JSON.stringify(bp)}, so units at the range edges may move` });
  }
  const coverage = rule.coverage === undefined ? 1 : Math.min(1, Math.max(0, Number(rule.coverage)));
  const threshold = Math.round(coverage * BUCKET_COUNT);
  if (threshold / BUCKET_COUNT !== coverage) context.notes.push({ path, message: `coverage ${coverage} is not whole basis points: imported as ${threshold / 100} %` });
  if (keys.length === 1) context.notes.push({ path, message: 'a one-variation experiment is imported as a force rule (n <= coverage instead of n < coverage)' });
  const seed = typeof rule.seed === 'string' ? rule.seed : typeof rule.key === 'string' ? rule.key : featureId;
  if (!context.notes.some((n) => n.message.startsWith('experiment rules become'))) {
    context.notes.push({ path, message: 'experiment rules become split rules with the same assignment; to measure them here, create an xp experiment over the flag' });
  }
  return { rollout: threshold / 100, weights: keys.map((variant, i) => ({ variant, weight: bp[i] })), ...(seed !== featureId ? { salt: seed } : {}) };
}

/** `parentConditions` with `gate: true` and a `{ value: X }` / `{ value: { $ne: X } }` condition are flag prerequisites. */
function gatePrerequisites(rule: GbRule, built: { id: string; values: ValueKeys }[], keys: Map<string, string>, path: string, context: Context) {
  if (!Array.isArray(rule.parentConditions)) return [];
  return (rule.parentConditions as { id: string; condition?: { value?: unknown }; gate?: boolean }[])
    .filter((p) => p.gate)
    .map((p) => {
      const parent = built.find((b) => b.id === p.id);
      if (!parent) throw new CannotTranslate(`prerequisite '${p.id}'`, 'the parent feature is not in the payload');
      const wanted = p.condition?.value;
      const matches = parent.values.variants.filter((v) => {
        if (wanted !== null && typeof wanted === 'object' && !Array.isArray(wanted) && '$ne' in wanted) return JSON.stringify(v.value) !== JSON.stringify((wanted as { $ne: unknown }).$ne);
        if (wanted !== null && typeof wanted === 'object') throw new CannotTranslate(`prerequisite '${p.id}' condition`, 'only { value: X } and { value: { $ne: X } } are translated');
        return JSON.stringify(v.value) === JSON.stringify(wanted);
      });
      if (matches.length === 0) throw new CannotTranslate(`prerequisite '${p.id}'`, `the parent never serves ${JSON.stringify(wanted)}`);
      context.notes.push({ path, message: `prerequisite '${p.id}': when it fails GrowthBook serves null; here the flag serves its default value` });
      return { flagKey: keys.get(p.id) as string, variants: matches.map((v) => v.key) };
    });
}
