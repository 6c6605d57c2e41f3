import { ExperimentInput, FlagInput, SegmentInput } from '@xp/contracts';

/**
 * A ruleset touching every evaluation path the SDK must reproduce: conditions of each operator family,
 * segments, rollouts, multivariate splits, every value type, overrides, prerequisites, a disabled flag,
 * running experiments (one keyed by another attribute, in a shared layer), a concluded one, a draft one.
 */
export const equivalenceSegments: SegmentInput[] = [
  { key: 'pro-users', conditions: [{ attribute: 'plan', operator: 'in', values: ['pro', 'team'] }] },
  { key: 'modern-app', conditions: [{ attribute: 'appVersion', operator: 'semverGte', values: ['2.1.0'] }, { attribute: 'country', operator: 'neq', values: ['cn'] }] },
];

const boolVariants = [{ key: 'off', value: false }, { key: 'on', value: true }];

export const equivalenceFlags: FlagInput[] = [
  {
    key: 'banner', valueType: 'boolean', enabled: true, salt: 'banner', offVariant: 'off', variants: boolVariants,
    overrides: { 'unit-7': 'on' },
    rules: [
      { id: 'adults-eu', conditions: [{ attribute: 'age', operator: 'gte', values: [18] }, { attribute: 'country', operator: 'in', values: ['de', 'fr', 'nl'] }, { attribute: 'email', operator: 'endsWith', values: ['@example.com'], caseInsensitive: true }], rollout: 40, weights: [{ variant: 'on', weight: 10000 }] },
      { id: 'pro', conditions: [{ attribute: 'unitId', operator: 'inSegment', values: ['pro-users'] }], rollout: 25.5, weights: [{ variant: 'on', weight: 10000 }] },
    ],
  },
  {
    key: 'theme', valueType: 'string', enabled: true, salt: 'theme', offVariant: 'light',
    variants: [{ key: 'light', value: 'light' }, { key: 'dark', value: 'dark' }, { key: 'contrast', value: 'high-contrast' }],
    rules: [
      { id: 'modern', conditions: [{ attribute: 'unitId', operator: 'inSegment', values: ['modern-app'] }, { attribute: 'beta', operator: 'eq', values: [true], negate: true }, { attribute: 'email', operator: 'regex', values: ['^user[0-9]+@'] }], weights: [{ variant: 'light', weight: 3334 }, { variant: 'dark', weight: 3333 }, { variant: 'contrast', weight: 3333 }] },
    ],
  },
  {
    key: 'page-size', valueType: 'number', enabled: true, salt: 'page-size', offVariant: 'small',
    variants: [{ key: 'small', value: 10 }, { key: 'large', value: 50 }],
    prerequisites: [{ flagKey: 'banner', variants: ['on'] }],
    rules: [{ id: 'all', rollout: 60, weights: [{ variant: 'small', weight: 2000 }, { variant: 'large', weight: 8000 }] }],
  },
  {
    key: 'layout', valueType: 'json', enabled: true, salt: 'layout', offVariant: 'classic',
    variants: [{ key: 'classic', value: { columns: 1 } }, { key: 'grid', value: { columns: 3, dense: true } }],
    rules: [{ id: 'signed-up', conditions: [{ attribute: 'signedUpAt', operator: 'after', values: ['2024-01-01T00:00:00Z'] }, { attribute: 'appVersion', operator: 'semverLt', values: ['3.0.0'] }], weights: [{ variant: 'grid', weight: 10000 }] }],
  },
  { key: 'killed', valueType: 'boolean', enabled: false, salt: 'killed', offVariant: 'off', variants: boolVariants, rules: [{ id: 'all', weights: [{ variant: 'on', weight: 10000 }] }] },
  {
    key: 'checkout', valueType: 'string', enabled: true, salt: 'checkout', offVariant: 'control',
    variants: [{ key: 'control', value: 'v1' }, { key: 'treatment', value: 'v2' }],
    rules: [{ id: 'exp', conditions: [{ attribute: 'country', operator: 'exists' }], experimentKey: 'checkout-exp' }],
  },
  {
    key: 'pricing', valueType: 'number', enabled: true, salt: 'pricing', offVariant: 'base',
    variants: [{ key: 'base', value: 9.99 }, { key: 'discount', value: 7.99 }, { key: 'premium', value: 12.99 }],
    rules: [{ id: 'exp', experimentKey: 'pricing-exp' }],
  },
  {
    key: 'search', valueType: 'boolean', enabled: true, salt: 'search', offVariant: 'off', variants: boolVariants,
    rules: [{ id: 'exp', experimentKey: 'search-exp' }, { id: 'draft', experimentKey: 'search-draft' }],
  },
  // Multi-valued attributes, a per-rule hash attribute, CIDR ranges, string ordering, peer hashing.
  {
    key: 'admin-tools', valueType: 'boolean', enabled: true, salt: 'admin-tools', offVariant: 'off', variants: boolVariants, hashing: 'unleash',
    rules: [
      { id: 'office', conditions: [{ attribute: 'ip', operator: 'inCidr', values: ['10.0.0.0/8', '2001:db8::/32'] }, { attribute: 'plan', operator: 'strGte', values: ['pro'] }], weights: [{ variant: 'on', weight: 10000 }] },
      { id: 'admins', conditions: [{ attribute: 'roles', operator: 'containsAny', values: ['admin', 'owner'] }, { attribute: 'tags', operator: 'sizeGte', values: [1] }], hashAttribute: 'accountId', rollout: 50, weights: [{ variant: 'on', weight: 10000 }] },
    ],
  },
  {
    key: 'tag-layout', valueType: 'string', enabled: true, salt: 'tag-layout', offVariant: 'plain', hashing: 'growthbook-v2',
    variants: [{ key: 'plain', value: 'plain' }, { key: 'tagged', value: 'tagged' }, { key: 'exact', value: 'exact' }],
    rules: [
      { id: 'exact', conditions: [{ attribute: 'tags', operator: 'eq', values: [['beta', 'eu']] }], weights: [{ variant: 'exact', weight: 10000 }] },
      { id: 'split', conditions: [{ attribute: 'tags', operator: 'containsAll', values: ['beta'] }, { attribute: 'email', operator: 'strLt', values: ['user5'] }], rollout: 80, weights: [{ variant: 'plain', weight: 5000 }, { variant: 'tagged', weight: 5000 }] },
    ],
  },
];

const experimentBase = { primaryMetric: 'purchase', rolloutPolicy: { stages: [10, 50, 100] } };

export const equivalenceExperiments: ExperimentInput[] = [
  {
    ...experimentBase, key: 'checkout-exp', flagKey: 'checkout', status: 'running', currentStageIndex: 1,
    variants: [{ key: 'control', weight: 5000, control: true }, { key: 'treatment', weight: 5000 }],
    layer: { key: 'shop', start: 0, end: 6000 },
  },
  {
    ...experimentBase, key: 'pricing-exp', flagKey: 'pricing', status: 'running', unitAttribute: 'accountId', rolloutPercentage: 80,
    variants: [{ key: 'base', weight: 4000, control: true }, { key: 'discount', weight: 3000 }, { key: 'premium', weight: 3000 }],
    layer: { key: 'shop', start: 6000, end: 10000 },
  },
  {
    ...experimentBase, key: 'search-exp', flagKey: 'search', status: 'concluded', winner: 'on',
    variants: [{ key: 'off', weight: 5000, control: true }, { key: 'on', weight: 5000 }],
    layer: { key: 'search', start: 0, end: 10000 },
  },
  {
    ...experimentBase, key: 'search-draft', flagKey: 'search', status: 'draft',
    variants: [{ key: 'off', weight: 5000, control: true }, { key: 'on', weight: 5000 }],
    layer: { key: 'search-2', start: 0, end: 10000 },
  },
];

const COUNTRIES = ['de', 'fr', 'nl', 'us', 'cn', 'br'];
const PLANS = ['free', 'pro', 'team'];
const ROLES = ['viewer', 'admin', 'editor', 'owner', 'viewer', 'billing'];
const TAGS = [[], ['beta'], ['beta', 'eu'], ['eu', 'beta'], ['eu'], ['beta', 'eu', 'us'], 'beta'];
const IPS = ['10.1.2.3', '192.168.1.9', '2001:db8::42', '2001:db9::1', '::ffff:10.9.9.9', 'not-an-ip', '172.16.0.1'];
const VERSIONS = ['1.9.0', '2.0.5', '2.1.0', '2.2.0-rc.1', '2.2.0', '3.0.0', 'not-a-version'];

/** Deterministic attributes for unit `i`, including missing and wrongly typed values now and then. */
export function equivalenceAttributes(i: number): Record<string, unknown> {
  const attrs: Record<string, unknown> = {
    plan: PLANS[i % 3],
    age: i % 11 === 0 ? String(20 + (i % 50)) : 12 + (i % 60),
    appVersion: VERSIONS[i % 7],
    email: i % 5 === 0 ? `USER${i}@EXAMPLE.COM` : `user${i}@mail.test`,
    beta: i % 4 === 0,
    signedUpAt: i % 3 === 0 ? '2023-06-01T00:00:00Z' : `2024-0${1 + (i % 9)}-15T12:00:00Z`,
  };
  if (i % 13 !== 0) attrs.country = COUNTRIES[i % 6];
  if (i % 7 !== 0) attrs.roles = ROLES.slice(i % 4, (i % 4) + (i % 3));
  if (i % 8 !== 0) attrs.tags = TAGS[i % TAGS.length];
  attrs.ip = IPS[i % IPS.length];
  if (i % 9 !== 0) attrs.accountId = `account-${i % 997}`;
  return attrs;
}
