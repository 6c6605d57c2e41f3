import type { Condition, Flag, Rule, Ruleset } from '@xp/contracts';
import type { Profile } from './workload';

export interface UnleashConstraint {
  contextName: string;
  operator: string;
  inverted: boolean;
  values: string[];
  value?: string;
  caseInsensitive?: boolean;
}

export interface UnleashFeature {
  name: string;
  enabled: boolean;
  type: string;
  project: string;
  stale: boolean;
  impressionData: boolean;
  variants: never[];
  strategies: {
    name: 'flexibleRollout';
    parameters: Record<string, string>;
    constraints: UnleashConstraint[];
    segments: number[];
    variants: { name: string; weight: number; weightType: 'variable'; stickiness: string; payload: { type: string; value: string } }[];
  }[];
}

/**
 * Our ruleset as Unleash client features (the `/api/client/features` format, loaded through the
 * client's `bootstrap.data`). Mapping:
 * - flag -> feature toggle; each rule -> one `flexibleRollout` strategy in order (a unit outside a
 *   strategy's rollout falls through to the next, as in ours), rollout = the rule's percentage,
 *   `stickiness: userId`, `groupId` = the flag salt.
 * - variants -> strategy variants; weights in tenths of a percent summing to 1000 (3334/3333/3333 bp
 *   -> 334/333/333, the only rounding), payload = the variant value. No match -> the off value.
 * - conditions -> constraints: in -> IN, neq -> NOT_IN, gte -> NUM_GTE, semverGte -> SEMVER_GTE,
 *   endsWith -> STR_ENDS_WITH, eq (boolean) -> IN ['true'|'false']; inSegment -> the strategy's
 *   `segments` (Unleash segments are constraint lists with numeric ids); containsAny -> STR_CONTAINS on the
 *   list joined as ",a,b,"; inCidr -> IN_CIDR; strGte -> IN of the workload's plans at or after the operand;
 *   a rule hash attribute -> the strategy's and variants' `stickiness`.
 * - attributes -> context `properties` as strings (Unleash context values are strings), `userId` = unit.
 */
export function toUnleash(ruleset: Ruleset): { features: UnleashFeature[]; segments: { id: number; constraints: UnleashConstraint[] }[] } {
  const segmentIds = new Map(ruleset.segments.map((s, i) => [s.key, i + 1]));
  return {
    features: ruleset.flags.map((flag) => toFeature(flag, segmentIds)),
    segments: ruleset.segments.map((s) => ({ id: segmentIds.get(s.key)!, constraints: s.conditions.map(toConstraint) })),
  };
}

/** Unleash context values are strings: a list attribute becomes its items joined by commas. */
export function unleashProperties(profile: Profile): Record<string, string> {
  return Object.fromEntries(Object.entries(profile).map(([k, v]) => [k, Array.isArray(v) ? `,${v.join(',')},` : String(v)]));
}

function toFeature(flag: Flag, segmentIds: Map<string, number>): UnleashFeature {
  return {
    name: flag.key, enabled: flag.enabled, type: 'release', project: 'default', stale: false, impressionData: false, variants: [],
    strategies: flag.rules.map((rule) => toStrategy(flag, rule, segmentIds)),
  };
}

function toStrategy(flag: Flag, rule: Rule, segmentIds: Map<string, number>): UnleashFeature['strategies'][number] {
  const segments = rule.conditions.filter((c) => c.operator === 'inSegment').flatMap((c) => c.values.map((v) => segmentIds.get(String(v))!));
  const payloadType = flag.valueType === 'number' ? 'number' : 'string';
  const weights = tenthsOfPercent(rule.weights.map((w) => w.weight));
  return {
    name: 'flexibleRollout',
    parameters: { rollout: String(rule.rollout), stickiness: rule.hashAttribute ?? 'userId', groupId: flag.salt },
    constraints: rule.conditions.filter((c) => c.operator !== 'inSegment').map(toConstraint),
    segments,
    variants: flag.valueType === 'boolean' ? [] : rule.weights.map((w, i) => ({
      name: w.variant, weight: weights[i], weightType: 'variable', stickiness: rule.hashAttribute ?? 'userId',
      payload: { type: payloadType, value: String(flag.variants.find((v) => v.key === w.variant)?.value) },
    })),
  };
}

/** Basis points -> integer tenths of a percent summing to 1000 (largest remainder first). */
function tenthsOfPercent(bps: number[]): number[] {
  const out = bps.map((b) => Math.floor(b / 10));
  let missing = 1000 - out.reduce((a, b) => a + b, 0);
  const order = bps.map((b, i) => [b % 10, i]).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) if (missing-- > 0) out[i]++;
  return out;
}

function toConstraint(c: Condition): UnleashConstraint {
  if (c.negate || c.caseInsensitive) throw new Error('not used by the workload');
  const values = c.values.map(String);
  const base = { contextName: c.attribute, inverted: false };
  switch (c.operator) {
    case 'in':
    case 'eq':
      return { ...base, operator: 'IN', values };
    case 'neq':
      return { ...base, operator: 'NOT_IN', values };
    case 'gte':
      return { ...base, operator: 'NUM_GTE', values: [], value: values[0] };
    case 'semverGte':
      return { ...base, operator: 'SEMVER_GTE', values: [], value: values[0] };
    case 'endsWith':
      return { ...base, operator: 'STR_ENDS_WITH', values };
    case 'containsAny':
      // No list attributes in Unleash: the list is ",a,b," and each item is looked up as ",item,".
      return { ...base, operator: 'STR_CONTAINS', values: values.map((v) => `,${v},`) };
    case 'inCidr':
      return { ...base, operator: 'IN_CIDR', values };
    case 'strGte':
      // No string ordering in Unleash: the workload's plans at or after the operand.
      return { ...base, operator: 'IN', values: ['free', 'pro', 'team', 'enterprise'].filter((plan) => plan >= values[0]) };
    default:
      throw new Error(`operator ${c.operator} is not used by the workload`);
  }
}
