import { seededUniform } from '@xp/stats';
import { ConditionInput, FlagInput, Ruleset, RulesetSchema, SegmentInput } from '@xp/contracts';

/** Attributes of one synthetic user; every unit id maps to one of PROFILE_COUNT profiles. */
export type Profile = {
  country: string;
  plan: string;
  age: number;
  appVersion: string;
  email: string;
  platform: string;
  beta: boolean;
  /** A list attribute (multi-valued), an IP address and an account id (a per-rule hash attribute). */
  roles: string[];
  ip: string;
  accountId: string;
};

export const FLAG_COUNT = 50;
export const SEGMENT_COUNT = 5;
export const PROFILE_COUNT = 1000;

const COUNTRIES = ['us', 'gb', 'de', 'fr', 'ca', 'au', 'nl', 'br', 'in', 'jp'];
const PLANS = ['free', 'pro', 'team', 'enterprise'];
const VERSIONS = ['1.9.4', '2.0.0', '2.1.3', '2.2.0', '2.3.1', '2.4.0', '3.0.0-beta.2', '3.0.0'];
const PLATFORMS = ['ios', 'android', 'web'];
const ROLES = ['viewer', 'admin', 'editor', 'billing', 'owner'];
const IPS = ['10.0.3.7', '10.20.0.1', '192.168.4.2', '172.16.0.9', '8.8.4.4', '203.0.113.5'];
/** New operators in every condition kind cycle: list membership, CIDR ranges, string ordering. */
const CONDITION_KINDS = 10;

export function makeProfiles(count = PROFILE_COUNT): Profile[] {
  const random = seededUniform(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  return Array.from({ length: count }, (_, i) => ({
    country: pick(COUNTRIES),
    plan: pick(PLANS),
    age: 13 + Math.floor(random() * 58),
    appVersion: pick(VERSIONS),
    email: random() < 0.8 ? `user${i}@example.com` : `user${i}@mail.test`,
    platform: pick(PLATFORMS),
    beta: random() < 0.2,
    roles: ROLES.filter(() => random() < 0.35),
    ip: pick(IPS),
    accountId: `account-${i}`,
  }));
}

/** The condition pool; `i` varies thresholds so that no two flags carry identical rules. */
function condition(kind: number, i: number): ConditionInput {
  switch (kind % CONDITION_KINDS) {
    case 0:
      return { attribute: 'country', operator: 'in', values: COUNTRIES.slice(i % 3, (i % 3) + 7) };
    case 1:
      return { attribute: 'plan', operator: 'neq', values: ['free'] };
    case 2:
      return { attribute: 'age', operator: 'gte', values: [16 + (i % 10)] };
    case 3:
      return { attribute: 'appVersion', operator: 'semverGte', values: [`2.${i % 4}.0`] };
    case 4:
      return { attribute: 'email', operator: 'endsWith', values: ['@example.com'] };
    case 5:
      return { attribute: 'platform', operator: 'in', values: i % 2 === 0 ? ['ios', 'android'] : ['web', 'ios'] };
    case 6:
      return { attribute: 'beta', operator: 'eq', values: [false] };
    case 7:
      return { attribute: 'roles', operator: 'containsAny', values: i % 2 === 0 ? ['admin', 'editor'] : ['viewer', 'owner'] };
    case 8:
      return { attribute: 'ip', operator: 'inCidr', values: ['10.0.0.0/8', '192.168.0.0/16'] };
    default:
      return { attribute: 'plan', operator: 'strGte', values: ['pro'] };
  }
}

export function makeSegment(s: number): SegmentInput {
  return { key: `segment-${s}`, conditions: [condition(s, s + 1), condition(s + 3, s + 2)] };
}

/**
 * 50 flags: a third boolean rollouts (10-90 %), a third 3-way string splits (half of them hashed on
 * `accountId`), a third 2-way number splits at 50 % with a second, segment-only rule. Each first rule has
 * 3-5 conditions drawn from 10 kinds (including containsAny on a list, inCidr, strGte); every other flag
 * uses a segment as one of them.
 */
export function makeFlag(i: number): FlagInput {
  const conditionCount = 3 + ((i >> 1) % 3);
  const conditions = Array.from({ length: conditionCount }, (_, k) => condition(i + k, i));
  if (i % 2 === 0) conditions[conditionCount - 1] = { attribute: 'unitId', operator: 'inSegment', values: [`segment-${i % SEGMENT_COUNT}`] };
  const base = { key: `flag-${i}`, enabled: true, salt: `flag-${i}-salt` };
  switch (i % 3) {
    case 0:
      return {
        ...base, valueType: 'boolean', offVariant: 'off',
        variants: [{ key: 'off', value: false }, { key: 'on', value: true }],
        rules: [{ id: 'rollout', conditions, rollout: 10 + ((i * 7) % 81), weights: [{ variant: 'on', weight: 10000 }] }],
      };
    case 1:
      return {
        ...base, valueType: 'string', offVariant: 'control',
        variants: [{ key: 'control', value: 'control' }, { key: 'a', value: 'blue' }, { key: 'b', value: 'green' }],
        // Every other split sticks on the account rather than the unit (a per-rule hash attribute).
        rules: [{ id: 'split', conditions, ...(i % 2 === 1 ? { hashAttribute: 'accountId' } : {}), weights: [{ variant: 'control', weight: 3334 }, { variant: 'a', weight: 3333 }, { variant: 'b', weight: 3333 }] }],
      };
    default:
      return {
        ...base, valueType: 'number', offVariant: 'small',
        variants: [{ key: 'small', value: 10 }, { key: 'medium', value: 20 }, { key: 'large', value: 50 }],
        rules: [
          { id: 'split', conditions, rollout: 50, weights: [{ variant: 'medium', weight: 5000 }, { variant: 'large', weight: 5000 }] },
          { id: 'segment', conditions: [{ attribute: 'unitId', operator: 'inSegment', values: [`segment-${(i + 2) % SEGMENT_COUNT}`] }], weights: [{ variant: 'large', weight: 10000 }] },
        ],
      };
  }
}

export function makeRuleset(): Ruleset {
  return RulesetSchema.parse({
    version: 1,
    flags: Array.from({ length: FLAG_COUNT }, (_, i) => makeFlag(i)),
    segments: Array.from({ length: SEGMENT_COUNT }, (_, s) => makeSegment(s)),
  });
}
