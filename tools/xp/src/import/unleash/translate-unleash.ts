import type { ConditionInput, FlagInput, RuleInput, SegmentInput } from '@xp/contracts';
import { CannotTranslate, type ImportNote, type ImportPlan, orderByPrerequisites, toKey, type Untranslatable } from '../import-plan';
import { translateConstraint } from './unleash-constraints';
import { readUnleashDocument, type UnleashFeature, type UnleashSegment, type UnleashStrategy, type UnleashVariant } from './unleash-document';
import { unleashVariants, unleashWeights, type VariantSet } from './unleash-variants';

interface Context {
  notes: ImportNote[];
  untranslatable: Untranslatable[];
  /** Unleash segment id -> segment key, or the reason it could not be imported. */
  segments: Map<number, { key: string } | { reason: string }>;
}

/** How a strategy buckets: rollout %, group id (salt) and stickiness (null = the unit, i.e. userId). */
interface Bucketing {
  rollout: number;
  groupId: string;
  hashAttribute: string | null;
}

/**
 * Unleash (feature export or client features) -> segments and flags with `hashing: "unleash"`, so every gradual
 * rollout and variant split keeps its users. Each strategy is a rule, in order; untranslatable strategies are left
 * out and reported, as is anything that would behave differently.
 */
export function translateUnleash(json: unknown, options: { environment?: string } = {}): ImportPlan {
  const doc = readUnleashDocument(json, options.environment);
  const context: Context = { notes: [], untranslatable: [], segments: new Map() };
  const segments = translateSegments(doc.segments, context);
  const keys = uniqueKeys(doc.features.map((f) => f.name));
  const built = doc.features.map((feature) => ({ feature, key: keys.get(feature.name) as string, ...translateFeature(feature, keys.get(feature.name) as string, context) }));
  const flags = built.map(({ feature, key, flag }) => {
    const path = `features.${feature.name}`;
    if (key !== feature.name) context.notes.push({ path, message: `keyed '${key}' (its hashes still use the name '${feature.name}')` });
    return withDependencies(flag, feature, built, doc.features, context, path);
  });
  context.notes.push({
    path: 'context',
    message: 'evaluate with the unit = Unleash userId; conditions read attributes by their Unleash names (userId, sessionId, remoteAddress, currentTime, and properties flattened). Unleash compares strings: pass attribute values as strings (numbers are read leniently only by NUM_* conditions)',
  });
  return { source: 'unleash', segments, flags: orderByPrerequisites(flags), notes: context.notes, untranslatable: context.untranslatable };
}

function uniqueKeys(names: string[]): Map<string, string> {
  const used = new Set<string>();
  return new Map(
    names.map((name) => {
      let key = toKey(name);
      for (let i = 2; used.has(key); i++) key = `${toKey(name)}-${i}`;
      used.add(key);
      return [name, key];
    }),
  );
}

function translateSegments(segments: UnleashSegment[], context: Context): SegmentInput[] {
  const keys = uniqueKeys(segments.map((s) => s.name));
  return segments.flatMap((segment) => {
    const path = `segments.${segment.name}`;
    try {
      const conditions = segment.constraints.map(translateConstraint);
      const key = keys.get(segment.name) as string;
      context.segments.set(segment.id, { key });
      return [{ key, description: `Unleash segment ${segment.id}`, conditions }];
    } catch (error) {
      if (!(error instanceof CannotTranslate)) throw error;
      context.segments.set(segment.id, { reason: `segment '${segment.name}' was not imported` });
      context.untranslatable.push({ path, construct: error.construct, reason: `${error.reason}; the segment and the strategies using it are left out` });
      return [];
    }
  });
}

function translateFeature(feature: UnleashFeature, key: string, context: Context): { flag: FlagInput; variants: VariantSet } {
  const path = `features.${feature.name}`;
  const variants = unleashVariants(feature, context.notes, path);
  const rules: RuleInput[] = [];
  const strategies = feature.strategies.length === 0 ? [{ name: 'default', parameters: {}, constraints: [], segments: [], variants: [] } as UnleashStrategy] : feature.strategies;
  strategies.forEach((strategy, index) => {
    const strategyPath = `${path}.strategies.${index}`;
    if (strategy.disabled) {
      context.notes.push({ path: strategyPath, message: `strategy '${strategy.name}' is disabled in Unleash: not imported` });
      return;
    }
    try {
      rules.push(...strategyRules(feature, strategy, `s${index + 1}-${toKey(strategy.name)}`, variants, context, strategyPath));
    } catch (error) {
      if (!(error instanceof CannotTranslate)) throw error;
      context.untranslatable.push({ path: strategyPath, construct: error.construct, reason: `${error.reason}; the strategy is left out, so its users fall through to the next one` });
    }
  });
  const flag: FlagInput = {
    key,
    description: feature.description || `Imported from Unleash feature '${feature.name}'`,
    valueType: variants.valueType,
    variants: variants.variants,
    offVariant: variants.offVariant,
    enabled: feature.enabled,
    salt: feature.name,
    hashing: 'unleash',
    rules,
  };
  return { flag, variants };
}

function strategyRules(feature: UnleashFeature, strategy: UnleashStrategy, id: string, variants: VariantSet, context: Context, path: string): RuleInput[] {
  const conditions: ConditionInput[] = [...strategyConditions(strategy), ...strategy.constraints.map(translateConstraint), ...segmentConditions(strategy, context)];
  const bucketing = strategyBucketing(feature, strategy, context, path);
  const base = { conditions, rollout: bucketing.rollout, ...(bucketing.hashAttribute ? { hashAttribute: bucketing.hashAttribute } : {}), ...(bucketing.groupId !== feature.name ? { salt: bucketing.groupId } : {}) };
  if (!variants.named) return [{ id, ...base, weights: [{ variant: 'on', weight: 10_000 }] }];
  // Strategy variants hash on the strategy's groupId parameter (as given: "undefined" when absent), feature variants on the feature name.
  const own = strategy.variants.length > 0;
  const list: UnleashVariant[] = own ? strategy.variants : feature.variants;
  if (list.length === 0) {
    context.notes.push({ path, message: "Unleash enables the feature here without a variant (getVariant answers 'disabled'): the rule serves the off variant" });
    return [{ id, ...base, weights: [{ variant: variants.offVariant, weight: 10_000 }] }];
  }
  const variantSalt = own ? String(strategy.parameters.groupId) : feature.name;
  const stickiness = (own ? list[0].stickiness || String(strategy.parameters.stickiness ?? 'default') : list[0].stickiness) ?? 'default';
  const variantHash = stickinessAttribute(stickiness, context, path);
  if (variantHash !== bucketing.hashAttribute) {
    if (bucketing.rollout < 100 || bucketing.hashAttribute !== null) {
      throw new CannotTranslate('variant stickiness', `variants stick on '${stickiness}' but the rollout on '${bucketing.hashAttribute ?? 'userId'}': one rule hashes one attribute`);
    }
  }
  if (variantHash !== null) {
    context.notes.push({ path, message: `variants stick on '${stickiness}': Unleash gives a unit without it a random variant; here the rule is skipped for it` });
  }
  // Overrides win inside the strategy (same conditions and rollout) whatever the variant stickiness.
  const overrideBase = { ...base };
  const rules: RuleInput[] = list.flatMap((v) =>
    (v.overrides ?? []).map((o, i) => ({
      id: `${id}-override-${variants.keyOf.get(v.name)}-${i + 1}`,
      ...overrideBase,
      conditions: [...conditions, { attribute: o.contextName, operator: 'in' as const, values: o.values }],
      weights: [{ variant: variants.keyOf.get(v.name) as string, weight: 10_000 }],
    })),
  );
  rules.push({ id, ...base, ...(variantHash !== null ? { hashAttribute: variantHash } : {}), ...(variantSalt !== (base.salt ?? feature.name) ? { variantSalt } : {}), weights: unleashWeights(list, variants.keyOf, context.notes, path) });
  return rules;
}

/** Built-in strategies that are targeting rather than bucketing. */
function strategyConditions(strategy: UnleashStrategy): ConditionInput[] {
  const list = (name: string) => String(strategy.parameters[name] ?? '').split(/\s*,\s*/).filter((v) => v !== '');
  if (strategy.name === 'userWithId') return [{ attribute: 'userId', operator: 'in', values: list('userIds') }];
  if (strategy.name === 'remoteAddress') {
    const ips = list('IPs');
    try {
      return [translateConstraint({ contextName: 'remoteAddress', operator: 'IN_CIDR', values: ips })];
    } catch {
      throw new CannotTranslate('remoteAddress strategy', `IPs ${JSON.stringify(ips)} are not all addresses or CIDR ranges`);
    }
  }
  return [];
}

function strategyBucketing(feature: UnleashFeature, strategy: UnleashStrategy, context: Context, path: string): Bucketing {
  const p = strategy.parameters;
  switch (strategy.name) {
    case 'default':
    case 'userWithId':
    case 'remoteAddress':
      return { rollout: 100, groupId: feature.name, hashAttribute: null };
    case 'flexibleRollout':
      return { rollout: rolloutOf(p.rollout, context, path), groupId: String(p.groupId || feature.name), hashAttribute: stickinessAttribute(String(p.stickiness || 'default'), context, path) };
    case 'gradualRolloutUserId':
      return { rollout: rolloutOf(p.percentage, context, path), groupId: String(p.groupId || feature.name), hashAttribute: null };
    case 'gradualRolloutSessionId':
      return { rollout: rolloutOf(p.percentage, context, path), groupId: String(p.groupId || feature.name), hashAttribute: 'sessionId' };
    case 'gradualRolloutRandom':
      throw new CannotTranslate('gradualRolloutRandom strategy', 'random assignment has no hash to reproduce (each call draws anew)');
    case 'applicationHostname':
      throw new CannotTranslate('applicationHostname strategy', 'it depends on the host running the SDK, not on the unit');
    default:
      throw new CannotTranslate(`custom strategy '${strategy.name}'`, 'custom strategies run code in the Unleash SDK');
  }
}

/** Unleash's `normalised <= rollout` with normalised 1..100 means a fractional rollout acts as its floor. */
function rolloutOf(value: string | number | undefined, context: Context, path: string): number {
  const rollout = Number(value ?? 100);
  if (!Number.isFinite(rollout)) throw new CannotTranslate('rollout', `${JSON.stringify(value)} is not a percentage`);
  const clamped = Math.min(100, Math.max(0, Math.floor(rollout)));
  if (clamped !== rollout) context.notes.push({ path, message: `rollout ${JSON.stringify(value)} acts as ${clamped} % in Unleash (whole buckets 1..100): imported as ${clamped}` });
  return clamped;
}

/** `default`/`userId` stickiness is the unit; `random` cannot be kept; anything else is a hash attribute. */
function stickinessAttribute(stickiness: string, context: Context, path: string): string | null {
  if (stickiness === 'random') throw new CannotTranslate('random stickiness', 'random assignment has no hash to reproduce (each call draws anew)');
  if (stickiness === 'default') {
    if (!context.notes.some((n) => n.path === 'stickiness')) {
      context.notes.push({ path: 'stickiness', message: `default stickiness (first at ${path}) hashes the unit (Unleash's userId); Unleash's fallbacks for calls without userId (sessionId, then random) are not reproduced` });
    }
    return null;
  }
  return stickiness === 'userId' ? null : stickiness;
}

function segmentConditions(strategy: UnleashStrategy, context: Context): ConditionInput[] {
  return strategy.segments.map((id) => {
    const segment = context.segments.get(id);
    if (!segment) throw new CannotTranslate(`segment ${id}`, 'not in the export: Unleash never matches a strategy using it');
    if ('reason' in segment) throw new CannotTranslate(`segment ${id}`, segment.reason);
    return { attribute: 'segment', operator: 'inSegment', values: [segment.key] };
  });
}

/**
 * Unleash dependencies are one level deep: a parent with dependencies of its own (or a missing parent) never
 * enables the child. That is kept explicitly: such a child is imported disabled, with a note.
 */
function withDependencies(
  flag: FlagInput,
  feature: UnleashFeature,
  built: { feature: UnleashFeature; key: string; variants: VariantSet }[],
  features: UnleashFeature[],
  context: Context,
  path: string,
): FlagInput {
  if (feature.dependencies.length === 0) return flag;
  const prerequisites: NonNullable<FlagInput['prerequisites']> = [];
  for (const dependency of feature.dependencies) {
    const parent = built.find((b) => b.feature.name === dependency.feature);
    const parentFeature = features.find((f) => f.name === dependency.feature);
    if (!parent || !parentFeature) {
      context.untranslatable.push({ path: `${path}.dependencies`, construct: `dependency on '${dependency.feature}'`, reason: 'the parent is not in the export: Unleash never enables this feature; imported disabled' });
      return { ...flag, enabled: false };
    }
    if (parentFeature.dependencies.length > 0) {
      context.untranslatable.push({
        path: `${path}.dependencies`,
        construct: `dependency on '${dependency.feature}'`,
        reason: `'${dependency.feature}' has dependencies of its own: Unleash evaluates one level only and never enables this feature; imported disabled`,
      });
      return { ...flag, enabled: false };
    }
    const on = parent.variants.variants.map((v) => v.key).filter((k) => k !== parent.variants.offVariant);
    const wanted =
      dependency.enabled === false
        ? [parent.variants.offVariant]
        : dependency.variants && dependency.variants.length > 0
          ? dependency.variants.map((name) => parent.variants.keyOf.get(name) ?? toKey(name)).filter((k) => on.includes(k))
          : on;
    if (wanted.length === 0) {
      context.untranslatable.push({ path: `${path}.dependencies`, construct: `dependency on '${dependency.feature}' variants ${JSON.stringify(dependency.variants)}`, reason: 'the parent has none of these variants; imported disabled' });
      return { ...flag, enabled: false };
    }
    prerequisites.push({ flagKey: parent.key, variants: wanted });
  }
  return { ...flag, prerequisites };
}
