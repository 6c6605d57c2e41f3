import { READER_KEY, startConfigService, type ConfigServiceHarness } from '../testing/config-service-harness';
import { booleanFlag, experiment, metric, segment } from '../testing/fixtures';

interface HostileCase {
  name: string;
  method: string;
  path: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  key?: string | null;
  status: number;
  code: string;
  /** A path the 400 must name among its issues. */
  issuePath?: string;
}

const withRule = (condition: Record<string, unknown>) =>
  booleanFlag('hostile', { rules: [{ id: 'r', conditions: [condition], weights: [{ variant: 'on', weight: 10_000 }] }] });

const SQL = "x'; drop table events; --";

const cases: HostileCase[] = [
  { name: 'wrong type for valueType', method: 'POST', path: '/v1/flags', body: booleanFlag('hostile', { valueType: 42 }), status: 400, code: 'validation_failed', issuePath: 'valueType' },
  { name: 'variant value of the wrong type', method: 'POST', path: '/v1/flags', body: booleanFlag('hostile', { variants: [{ key: 'off', value: 'no' }, { key: 'on', value: true }] }), status: 400, code: 'validation_failed', issuePath: 'variants.0.value' },
  { name: 'unknown operator', method: 'POST', path: '/v1/flags', body: withRule({ attribute: 'a', operator: 'like', values: ['x'] }), status: 400, code: 'validation_failed', issuePath: 'rules.0.conditions.0.operator' },
  { name: 'invalid regex', method: 'POST', path: '/v1/flags', body: withRule({ attribute: 'email', operator: 'regex', values: ['(unclosed'] }), status: 400, code: 'validation_failed', issuePath: 'rules.0.conditions.0.values.0' },
  { name: 'catastrophic regex', method: 'POST', path: '/v1/flags', body: withRule({ attribute: 'email', operator: 'regex', values: ['(a+)+$'] }), status: 400, code: 'validation_failed', issuePath: 'rules.0.conditions.0.values.0' },
  { name: 'bad semver', method: 'POST', path: '/v1/flags', body: withRule({ attribute: 'appVersion', operator: 'semverGt', values: ['1.2'] }), status: 400, code: 'validation_failed', issuePath: 'rules.0.conditions.0.values.0' },
  { name: 'SQL-looking string where a number is required', method: 'POST', path: '/v1/flags', body: withRule({ attribute: 'age', operator: 'gt', values: [SQL] }), status: 400, code: 'validation_failed', issuePath: 'rules.0.conditions.0.values.0' },
  { name: 'SQL-looking segment reference', method: 'POST', path: '/v1/flags', body: withRule({ attribute: 'unit', operator: 'inSegment', values: [SQL] }), status: 400, code: 'validation_failed', issuePath: 'rules.0.conditions.0.values.0' },
  { name: 'SQL-looking key in the body', method: 'POST', path: '/v1/flags', body: booleanFlag(SQL), status: 400, code: 'validation_failed', issuePath: 'key' },
  { name: 'SQL-looking key in the path', method: 'GET', path: `/v1/flags/${encodeURIComponent(SQL)}`, status: 400, code: 'invalid_key' },
  { name: 'weights that do not sum to 100 %', method: 'POST', path: '/v1/flags', body: booleanFlag('hostile', { rules: [{ id: 'r', weights: [{ variant: 'on', weight: 9000 }] }] }), status: 400, code: 'validation_failed', issuePath: 'rules.0.weights' },
  { name: 'rollout that is not a multiple of 0.01', method: 'POST', path: '/v1/flags', body: booleanFlag('hostile', { rules: [{ id: 'r', rollout: 12.345, weights: [{ variant: 'on', weight: 10_000 }] }] }), status: 400, code: 'validation_failed', issuePath: 'rules.0.rollout' },
  { name: 'a number too large for JSON doubles', method: 'POST', path: '/v1/metrics', rawBody: '{"key":"huge","eventName":"e","kind":"binomial","cap":1e999}', status: 400, code: 'validation_failed', issuePath: 'cap' },
  { name: 'oversized body', method: 'POST', path: '/v1/flags', body: booleanFlag('hostile', { description: 'x'.repeat(2 * 1024 * 1024) }), status: 413, code: 'payload_too_large' },
  { name: 'malformed JSON', method: 'POST', path: '/v1/flags', rawBody: '{"key": "hostile",', status: 400, code: 'malformed_json' },
  { name: 'a JSON array instead of an object', method: 'POST', path: '/v1/segments', body: [segment('hostile')], status: 400, code: 'invalid_body' },
  { name: 'a body that is not JSON at all', method: 'POST', path: '/v1/segments', rawBody: 'key=hostile', headers: { 'content-type': 'text/plain' }, status: 400, code: 'invalid_body' },
  { name: 'duplicate key', method: 'POST', path: '/v1/flags', body: booleanFlag('base'), status: 409, code: 'already_exists' },
  { name: 'stale expected version', method: 'PUT', path: '/v1/flags/base', body: booleanFlag('base'), headers: { 'if-match': '"7"' }, status: 409, code: 'version_conflict' },
  { name: 'missing If-Match and expectedVersion', method: 'PUT', path: '/v1/flags/base', body: booleanFlag('base'), status: 400, code: 'expected_version_required' },
  { name: 'unparsable If-Match', method: 'PUT', path: '/v1/flags/base', body: booleanFlag('base'), headers: { 'if-match': `"1"; ${SQL}` }, status: 400, code: 'invalid_if_match' },
  { name: 'body key differing from the path key', method: 'PUT', path: '/v1/flags/base', body: booleanFlag('other'), headers: { 'if-match': '"1"' }, status: 400, code: 'key_mismatch' },
  { name: 'update of an unknown key', method: 'PUT', path: '/v1/flags/nope', body: booleanFlag('nope'), headers: { 'if-match': '"1"' }, status: 404, code: 'not_found' },
  { name: 'read of an unknown key', method: 'GET', path: '/v1/experiments/nope', status: 404, code: 'not_found' },
  { name: 'archive without an expected version', method: 'DELETE', path: '/v1/segments/base-segment', status: 400, code: 'expected_version_required' },
  { name: 'archive of a metric an experiment still uses', method: 'DELETE', path: '/v1/metrics/base-metric', headers: { 'if-match': '"1"' }, status: 409, code: 'in_use' },
  { name: 'unparsable at', method: 'GET', path: '/v1/flags/base?at=yesterday', status: 400, code: 'invalid_time' },
  { name: 'illegal transition draft -> concluded', method: 'POST', path: '/v1/experiments/base-exp/conclude', body: { winner: 'on', expectedVersion: 1 }, status: 409, code: 'illegal_transition' },
  { name: 'illegal transition draft -> paused', method: 'POST', path: '/v1/experiments/base-exp/pause', headers: { 'if-match': '"1"' }, status: 409, code: 'illegal_transition' },
  { name: 'rollout of a draft experiment', method: 'POST', path: '/v1/experiments/base-exp/rollout', body: { decisionId: 'd-1', reason: 'r', stageIndex: 1 }, status: 409, code: 'experiment_not_active' },
  { name: 'rollout with both a stage and a percentage', method: 'POST', path: '/v1/experiments/base-exp/rollout', body: { decisionId: 'd-2', reason: 'r', stageIndex: 1, percentage: 5 }, status: 400, code: 'validation_failed', issuePath: 'stageIndex' },
  { name: 'reference to an unknown segment', method: 'POST', path: '/v1/flags', body: withRule({ attribute: 'unit', operator: 'inSegment', values: ['no-such-segment'] }), status: 422, code: 'unknown_reference' },
  { name: 'experiment on an unknown flag', method: 'POST', path: '/v1/experiments', body: experiment('hostile', 'no-such-flag', 'base-metric'), status: 422, code: 'unknown_reference' },
  { name: 'experiment variant the flag does not have', method: 'POST', path: '/v1/experiments', body: experiment('hostile', 'base', 'base-metric', { variants: [{ key: 'off', weight: 5000, control: true }, { key: 'blue', weight: 5000 }], layer: { key: 'other', start: 0, end: 100 } }), status: 422, code: 'unknown_reference' },
  { name: 'kill switch with a string for enabled', method: 'POST', path: '/v1/flags/base/kill-switch', body: { enabled: 'yes', expectedVersion: 1 }, status: 400, code: 'validation_failed', issuePath: 'enabled' },
  { name: 'audit filter with SQL in the stream', method: 'GET', path: `/v1/audit?stream=${encodeURIComponent("flag:' or 1=1 --")}`, status: 400, code: 'validation_failed', issuePath: 'stream' },
  { name: 'no API key', method: 'POST', path: '/v1/flags', body: booleanFlag('hostile'), key: null, status: 401, code: 'unauthorized' },
  { name: 'reader key on a write', method: 'POST', path: '/v1/flags', body: booleanFlag('hostile'), key: READER_KEY, status: 403, code: 'forbidden' },
];

describe('malformed and hostile requests (real PostgreSQL)', () => {
  let svc: ConfigServiceHarness;
  const storeState = async () =>
    (await svc.sql<{ count: number; max: string | null }>('select count(*)::int as count, max(position) as max from events'))[0];

  beforeAll(async () => {
    svc = await startConfigService();
    const setup = [
      await svc.request('POST', '/v1/flags', { body: booleanFlag('base') }),
      await svc.request('POST', '/v1/segments', { body: segment('base-segment') }),
      await svc.request('POST', '/v1/metrics', { body: metric('base-metric') }),
      await svc.request('POST', '/v1/experiments', { body: experiment('base-exp', 'base', 'base-metric') }),
    ];
    expect(setup.map((r) => r.status)).toEqual([201, 201, 201, 201]);
  });

  afterAll(async () => {
    await svc?.close();
  });

  it('has at least 25 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cases)('$name -> $status $code, event store unchanged', async (c) => {
    const before = await storeState();
    const reply = await svc.request(c.method, c.path, { body: c.body, rawBody: c.rawBody, headers: c.headers, key: c.key });
    expect({ status: reply.status, code: reply.body?.error?.code }).toEqual({ status: c.status, code: c.code });
    expect(typeof reply.body.error.message).toBe('string');
    expect(reply.body.error.message.length).toBeGreaterThan(0);
    if (c.issuePath) {
      const paths = (reply.body.error.details.issues as Array<{ path: string }>).map((i) => i.path);
      expect(paths).toContain(c.issuePath);
    }
    expect(await storeState()).toEqual(before);
  });

  it('left the event store with only the four setup events', async () => {
    expect(await storeState()).toEqual({ count: 4, max: expect.any(String) });
    expect((await svc.request('GET', '/v1/flags/base')).body.version).toBe(1);
  });
});
