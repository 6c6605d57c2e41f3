import type { Condition, Flag, Rule, Ruleset } from '@xp/contracts';
import type { ConditionInterface, FeatureDefinition, FeatureRule, SavedGroupsPayload } from '@growthbook/growthbook';
import type { Profile } from './workload';

type GbCondition = Record<string, unknown>;

/**
 * Our ruleset in GrowthBook's payload format (features + saved groups). Mapping:
 * - flag -> feature, `defaultValue` = the off variant's value; rules keep their order (first match wins in both).
 * - single variant at 100 % -> `force` rule; single variant at p % -> `force` + `coverage` p/100;
 *   several variants -> experiment rule (`variations`, `weights` = basis points / 10,000, `coverage` p/100).
 *   All use `hashAttribute: 'id'`, `seed` = the flag salt, `hashVersion: 2`.
 * - conditions -> one Mongo-style object (all must hold): in -> $in, neq -> $ne, gte -> $gte,
 *   semverGte -> $vgte, endsWith -> $regex '<escaped>$', eq -> plain equality,
 *   inSegment -> `$savedGroup: { id }` with the segment as a `condition` saved group; containsAny -> $in (an
 *   intersection on a list attribute), strGte -> $gte on strings, inCidr -> $regex on the range prefixes (no CIDR
 *   operator in GrowthBook); a rule hash attribute -> `hashAttribute`.
 */
export function toGrowthBook(ruleset: Ruleset): { features: Record<string, FeatureDefinition>; savedGroups: SavedGroupsPayload } {
  const features = Object.fromEntries(ruleset.flags.map((flag) => [flag.key, toFeature(flag)]));
  const savedGroups: SavedGroupsPayload = Object.fromEntries(
    ruleset.segments.map((s) => [s.key, { type: 'condition', condition: toCondition(s.conditions) }]),
  ) as SavedGroupsPayload;
  return { features, savedGroups };
}

export function growthBookAttributes(unit: string, profile: Profile): Record<string, unknown> {
  return { ...profile, id: unit };
}

function toFeature(flag: Flag): FeatureDefinition {
  const valueOf = (variant: string) => flag.variants.find((v) => v.key === variant)?.value;
  return { defaultValue: valueOf(flag.offVariant), rules: flag.rules.map((rule) => toRule(flag, rule, valueOf)) };
}

function toRule(flag: Flag, rule: Rule, valueOf: (variant: string) => unknown): FeatureRule {
  const condition = toCondition(rule.conditions);
  const hashing = { hashAttribute: rule.hashAttribute ?? 'id', seed: flag.salt, hashVersion: 2 };
  if (rule.weights.length === 1) {
    const force = valueOf(rule.weights[0].variant);
    return rule.rollout >= 100 ? { id: rule.id, condition, force } : { id: rule.id, condition, force, coverage: rule.rollout / 100, ...hashing };
  }
  return {
    id: rule.id,
    key: `${flag.key}.${rule.id}`,
    condition,
    variations: rule.weights.map((w) => valueOf(w.variant)),
    weights: rule.weights.map((w) => w.weight / 10_000),
    coverage: rule.rollout / 100,
    meta: rule.weights.map((w) => ({ key: w.variant })),
    ...hashing,
  };
}

function toCondition(conditions: readonly Condition[]): ConditionInterface {
  const parts = conditions.map(toPart);
  const merged: GbCondition = {};
  for (const part of parts) {
    const [key] = Object.keys(part);
    if (key in merged) return { $and: parts } as ConditionInterface;
    merged[key] = part[key];
  }
  return merged as ConditionInterface;
}

function toPart(c: Condition): GbCondition {
  if (c.negate || c.caseInsensitive) throw new Error('not used by the workload');
  const v = c.values;
  switch (c.operator) {
    case 'in':
      return { [c.attribute]: { $in: v } };
    case 'neq':
      return { [c.attribute]: { $ne: v[0] } };
    case 'gte':
      return { [c.attribute]: { $gte: v[0] } };
    case 'semverGte':
      return { [c.attribute]: { $vgte: v[0] } };
    case 'endsWith':
      return { [c.attribute]: { $regex: `${escapeRegex(String(v[0]))}$` } };
    case 'eq':
      return { [c.attribute]: v[0] };
    case 'inSegment':
      return { $savedGroup: { id: v[0] } };
    case 'containsAny':
      // $in on a list attribute is an intersection in GrowthBook.
      return { [c.attribute]: { $in: v } };
    case 'strGte':
      return { [c.attribute]: { $gte: v[0] } };
    case 'inCidr':
      // GrowthBook has no CIDR operator: the equivalent prefixes for 10.0.0.0/8 and 192.168.0.0/16.
      if (JSON.stringify(v) !== JSON.stringify(['10.0.0.0/8', '192.168.0.0/16'])) throw new Error('only the workload ranges are translated');
      return { [c.attribute]: { $regex: '^(10\\.|192\\.168\\.)' } };
    default:
      throw new Error(`operator ${c.operator} is not used by the workload`);
  }
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
