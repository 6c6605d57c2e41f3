import { type ConfigServiceHarness, startConfigService } from '../testing/config-service-harness';

const variants = [{ key: 'on', value: true }, { key: 'off', value: false }];
const flag = (key: string, extra: Record<string, unknown>) => ({ key, valueType: 'boolean', variants, offVariant: 'off', enabled: true, salt: key, ...extra });

describe('config-service: targeting peers rely on (real PostgreSQL and Kafka)', () => {
  let svc: ConfigServiceHarness;

  beforeAll(async () => {
    svc = await startConfigService();
  });

  afterAll(async () => {
    await svc?.close();
  });

  it('stores list, CIDR, string-ordering and lenient conditions, per-rule hash attributes and peer hashing as given', async () => {
    const conditions = [
      { attribute: 'roles', operator: 'containsAny', values: ['admin'] },
      { attribute: 'tags', operator: 'eq', values: [['a', 'b']] },
      { attribute: 'ip', operator: 'inCidr', values: ['10.0.0.0/8', '2001:db8::/32'] },
      { attribute: 'plan', operator: 'strGte', values: ['pro'] },
      { attribute: 'app', operator: 'semverGte', values: ['2.1'], lenient: true },
    ];
    const body = flag('peer-targeting', {
      hashing: 'growthbook-v2',
      rules: [{
        id: 'r', hashAttribute: 'accountId', salt: 'seed-1', rollout: 37.5,
        conditions,
        weights: [{ variant: 'on', weight: 10000 }],
      }],
    });
    const created = await svc.request('POST', '/v1/flags', { body });
    expect(created.status).toBe(201);
    const read = await svc.request('GET', '/v1/flags/peer-targeting');
    expect(read.body).toMatchObject({ hashing: 'growthbook-v2', rules: [{ hashAttribute: 'accountId', salt: 'seed-1', conditions }] });
  });

  it.each([
    ['an invalid CIDR range', { rules: [{ id: 'r', conditions: [{ attribute: 'ip', operator: 'inCidr', values: ['10.0.0.0/33'] }], weights: [{ variant: 'on', weight: 10000 }] }] }, 'rules.0.conditions.0.values.0'],
    ['a list operand outside eq/neq', { rules: [{ id: 'r', conditions: [{ attribute: 'tags', operator: 'containsAll', values: [['a']] }], weights: [{ variant: 'on', weight: 10000 }] }] }, 'rules.0.conditions.0.values.0'],
    ['a fractional size', { rules: [{ id: 'r', conditions: [{ attribute: 'tags', operator: 'sizeGt', values: [1.5] }], weights: [{ variant: 'on', weight: 10000 }] }] }, 'rules.0.conditions.0.values.0'],
    ['an unknown hashing', { hashing: 'murmur', rules: [] }, 'hashing'],
    ['unleash hashing with a fractional rollout', { hashing: 'unleash', rules: [{ id: 'r', rollout: 12.5, weights: [{ variant: 'on', weight: 10000 }] }] }, 'rules.0.rollout'],
    ['a hash attribute on an experiment rule', { rules: [{ id: 'r', experimentKey: 'exp', hashAttribute: 'accountId' }] }, 'rules.0.experimentKey'],
  ])('answers 400 validation_failed for %s, with the path', async (_name, extra, path) => {
    const res = await svc.request('POST', '/v1/flags', { body: flag(`bad-${Math.random().toString(36).slice(2, 8)}`, extra) });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(JSON.stringify(res.body.error)).toContain(path);
  });
});
