import { HTTP_LAYER_CASES, rawHttp } from '@xp/platform/testing';
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
  // Characters and shapes no store can keep, refused before any handler (platform body limits).
  { name: 'a NUL character in a flag description', method: 'POST', path: '/v1/flags', rawBody: JSON.stringify(booleanFlag('hostile', { description: 'a\u0000b' })), status: 400, code: 'json_invalid_string', issuePath: 'description' },
  { name: 'an unpaired surrogate in a segment description', method: 'POST', path: '/v1/segments', rawBody: JSON.stringify(segment('hostile', { description: 'X' })).replace('"X"', '"\\ud800"'), status: 400, code: 'json_invalid_string', issuePath: 'description' },
  { name: 'JSON nested 20,000 deep', method: 'POST', path: '/v1/flags', rawBody: `{"key":"hostile","description":${'['.repeat(20_000)}${']'.repeat(20_000)}}`, status: 400, code: 'json_too_deep' },
  { name: 'a control character in a key', method: 'POST', path: '/v1/metrics', rawBody: '{"key":"m","eventName":"e","kind":"binomial","x\\u0001":1}', status: 400, code: 'json_invalid_key' },
  { name: 'a __proto__ key', method: 'POST', path: '/v1/flags', rawBody: '{"key":"hostile","__proto__":{"enabled":true}}', status: 400, code: 'json_forbidden_key', issuePath: '__proto__' },
  { name: 'a constructor.prototype key', method: 'PUT', path: '/v1/flags/base', rawBody: '{"constructor":{"prototype":{"enabled":true}}}', headers: { 'if-match': '"1"' }, status: 400, code: 'json_forbidden_key', issuePath: 'constructor.prototype' },
  // Regular expressions the linear-time engine cannot run (valid JavaScript, so not a 400).
  { name: 'a regex with a back-reference', method: 'POST', path: '/v1/flags', body: withRule({ attribute: 'email', operator: 'regex', values: ['(a)\\1'] }), status: 422, code: 'unsupported_regex', issuePath: 'environments.production.rules.0.conditions.0.values.0' },
  { name: 'a regex with lookbehind', method: 'POST', path: '/v1/segments', body: { ...segment('hostile'), conditions: [{ attribute: 'ua', operator: 'regex', values: ['(?<=a)b'] }] }, status: 422, code: 'unsupported_regex', issuePath: 'conditions.0.values.0' },
  // Lists never silently answer the present.
  { name: 'a list at an unparsable time', method: 'GET', path: '/v1/flags?at=last-week', status: 400, code: 'invalid_time' },
  { name: 'a list parameter it does not read', method: 'GET', path: '/v1/experiments?asOf=2024-01-01T00:00:00Z', status: 400, code: 'validation_failed' },
  // URLs the router refuses.
  { name: 'a key longer than the router matches', method: 'GET', path: `/v1/flags/${'k'.repeat(101)}`, status: 414, code: 'uri_too_long' },
  { name: 'a NUL character in the path', method: 'GET', path: '/v1/flags/a%00b', status: 400, code: 'bad_url' },
  { name: 'broken percent-encoding in the path', method: 'GET', path: '/v1/flags/%E0%A4%A', status: 400, code: 'bad_url' },
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

  it.each(HTTP_LAYER_CASES)('answers $name from the HTTP layer with $status $code in the JSON error shape, event store unchanged', async ({ request, status, code }) => {
    const before = await storeState();
    expect(await rawHttp(svc.url, request)).toEqual({ status, body: { error: { code, message: expect.any(String) } } });
    expect(await storeState()).toEqual(before);
  });

  it('stays ready', async () => {
    expect((await svc.request('GET', '/health/ready')).status).toBe(200);
  });

  it('left the event store with only the four setup events', async () => {
    expect(await storeState()).toEqual({ count: 4, max: expect.any(String) });
    expect((await svc.request('GET', '/v1/flags/base')).body.version).toBe(1);
  });
});
