import { waitFor } from '@xp/kafka/testing';
import { HTTP_LAYER_CASES, rawHttp } from '@xp/platform/testing';
import { createTestDatabase, type TestDatabase } from '@xp/postgres';
import { randomBytes } from 'node:crypto';
import { ConfigServiceApi } from '../testing/config-service-api';
import { ConfigServiceProcess, freePort } from '../testing/config-service-process';
import { decision, DeploymentHarness } from '../testing/deployment-harness';

const ADMIN = 'dev-admin-key';
const READER = 'dev-reader-key';
const suffix = randomBytes(3).toString('hex');
// Experiments config-service has: one without a rollout, one rolling out, one archived.
const IDLE = `idle-${suffix}`;
const ROLLING = `rolling-${suffix}`;
const GONE = `gone-${suffix}`;
const RETIRED = `retired-${suffix}`;

interface HostileCase {
  name: string;
  method: string;
  path: string;
  body?: unknown;
  rawBody?: string;
  key?: string | null;
  status: number;
  code: string;
  issuePath?: string;
}

const registration = (extra: Record<string, unknown> = {}) => ({ experimentKey: IDLE, service: 'checkout', blueVersion: '1.4.0', greenVersion: '1.5.0', ...extra });
const SQL = "x'; drop table deployments; --";

const cases: HostileCase[] = [
  { name: 'registration for an experiment config-service does not have', method: 'POST', path: '/v1/deployments', body: registration({ experimentKey: `nope-${suffix}` }), status: 422, code: 'unknown_experiment', issuePath: 'experimentKey' },
  { name: 'registration for an archived experiment', method: 'POST', path: '/v1/deployments', body: registration({ experimentKey: GONE }), status: 422, code: 'experiment_archived', issuePath: 'experimentKey' },
  { name: 'registration of an archived deployment record', method: 'POST', path: '/v1/deployments', body: registration({ experimentKey: RETIRED }), status: 409, code: 'deployment_archived' },
  { name: 'a NUL character in the service name', method: 'POST', path: '/v1/deployments', rawBody: JSON.stringify(registration({ service: 'check\u0000out' })), status: 400, code: 'json_invalid_string', issuePath: 'service' },
  { name: 'an unpaired surrogate in a version', method: 'POST', path: '/v1/deployments', rawBody: JSON.stringify(registration({ blueVersion: 'X' })).replace('"X"', '"\\udbff"'), status: 400, code: 'json_invalid_string', issuePath: 'blueVersion' },
  { name: 'a service name of 201 characters', method: 'POST', path: '/v1/deployments', body: registration({ service: 's'.repeat(201) }), status: 400, code: 'validation_failed', issuePath: 'service' },
  { name: 'a version that is a number', method: 'POST', path: '/v1/deployments', body: registration({ greenVersion: 1.5 }), status: 400, code: 'validation_failed', issuePath: 'greenVersion' },
  { name: 'a missing experiment key', method: 'POST', path: '/v1/deployments', body: { service: 'checkout', blueVersion: '1', greenVersion: '2' }, status: 400, code: 'validation_failed', issuePath: 'experimentKey' },
  { name: 'an SQL-looking experiment key', method: 'POST', path: '/v1/deployments', body: registration({ experimentKey: SQL }), status: 400, code: 'validation_failed', issuePath: 'experimentKey' },
  { name: 'an array instead of an object', method: 'POST', path: '/v1/deployments', body: [registration()], status: 400, code: 'validation_failed' },
  { name: 'malformed JSON', method: 'POST', path: '/v1/deployments', rawBody: '{"experimentKey":', status: 400, code: 'malformed_json' },
  { name: 'a __proto__ key', method: 'POST', path: '/v1/deployments', rawBody: `{"experimentKey":"${IDLE}","__proto__":{"service":"x"}}`, status: 400, code: 'json_forbidden_key', issuePath: '__proto__' },
  { name: 'a constructor.prototype key', method: 'POST', path: '/v1/deployments', rawBody: '{"constructor":{"prototype":{"service":"x"}}}', status: 400, code: 'json_forbidden_key' },
  { name: 'JSON nested 20,000 deep', method: 'POST', path: '/v1/deployments', rawBody: `{"service":${'['.repeat(20_000)}${']'.repeat(20_000)}}`, status: 400, code: 'json_too_deep' },
  { name: 'a control character in a key', method: 'POST', path: '/v1/deployments', rawBody: '{"exp\\u0000erimentKey":"x"}', status: 400, code: 'json_invalid_key' },
  { name: 'a body over 1 MB', method: 'POST', path: '/v1/deployments', body: registration({ pad: Array.from({ length: 20 }, () => 'p'.repeat(60_000)) }), status: 413, code: 'payload_too_large' },
  { name: 'the deployment list at a time (it has no history)', method: 'GET', path: '/v1/deployments?at=2024-01-01T00:00:00Z', key: READER, status: 400, code: 'validation_failed' },
  { name: 'includeArchived that is not true or false', method: 'GET', path: '/v1/deployments?includeArchived=yes', key: READER, status: 400, code: 'validation_failed', issuePath: 'includeArchived' },
  { name: 'archive of an unknown deployment', method: 'POST', path: `/v1/deployments/nope-${suffix}/archive`, status: 404, code: 'deployment_not_found' },
  { name: 'archive of a deployment whose rollout is running', method: 'POST', path: `/v1/deployments/${ROLLING}/archive`, status: 409, code: 'rollout_in_progress' },
  { name: 'archive of an archived deployment', method: 'POST', path: `/v1/deployments/${RETIRED}/archive`, status: 409, code: 'already_archived' },
  { name: 'archive with an SQL-looking key', method: 'POST', path: `/v1/deployments/${encodeURIComponent(SQL)}/archive`, status: 400, code: 'invalid_key' },
  { name: 'archive with a reader key', method: 'POST', path: `/v1/deployments/${IDLE}/archive`, key: READER, status: 403, code: 'forbidden' },
  { name: 'a rollout key with a NUL character', method: 'GET', path: '/v1/rollouts/a%00b', key: READER, status: 400, code: 'bad_url' },
  { name: 'a rollout key longer than the router matches', method: 'GET', path: `/v1/rollouts/${'r'.repeat(101)}`, key: READER, status: 414, code: 'uri_too_long' },
  { name: 'broken percent-encoding in a rollout key', method: 'GET', path: '/v1/rollouts/%E0%A4%A', key: READER, status: 400, code: 'bad_url' },
  { name: 'an unknown rollout', method: 'GET', path: `/v1/rollouts/nope-${suffix}`, key: READER, status: 404, code: 'rollout_not_found' },
  { name: 'pause of an unknown rollout', method: 'POST', path: `/v1/rollouts/nope-${suffix}/pause`, status: 404, code: 'rollout_not_found' },
  { name: 'an operator reason that is a number', method: 'POST', path: `/v1/rollouts/${ROLLING}/pause`, body: { reason: 42 }, status: 400, code: 'validation_failed', issuePath: 'reason' },
  { name: 'no API key', method: 'POST', path: '/v1/deployments', body: registration(), key: null, status: 401, code: 'unauthorized' },
  { name: 'a reader key on registration', method: 'POST', path: '/v1/deployments', body: registration(), key: READER, status: 403, code: 'forbidden' },
];

describe('malformed and hostile requests to deployment-service (real Kafka, PostgreSQL and config-service)', () => {
  let configDb: TestDatabase;
  let deploymentDb: TestDatabase;
  let configService: ConfigServiceProcess;
  let dep: DeploymentHarness;

  const request = async (c: Pick<HostileCase, 'method' | 'path' | 'body' | 'rawBody' | 'key'>) => {
    const key = c.key === undefined ? ADMIN : c.key;
    const body = c.rawBody ?? (c.body === undefined ? undefined : JSON.stringify(c.body));
    const res = await fetch(`${dep.url}${c.path}`, {
      method: c.method,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body,
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON
  };
  /** Every table deployment-service writes, as rows and their latest change: "stores unchanged". */
  const storeState = () =>
    dep.query(`select
      (select count(*)::int from deployments) as deployments,
      (select max(updated_at)::text from deployments) as deployments_changed,
      (select count(*)::int from rollouts) as rollouts,
      (select max(updated_at)::text from rollouts) as rollouts_changed,
      (select count(*)::int from rollout_history) as history,
      (select count(*)::int from pending_actions) as actions,
      (select count(*)::int from processed_decisions) as decisions`);

  beforeAll(async () => {
    [configDb, deploymentDb] = await Promise.all([createTestDatabase('xp_dep_hostile_cfg'), createTestDatabase('xp_dep_hostile')]);
    configService = new ConfigServiceProcess(await freePort(), configDb.url);
    await configService.start();
    const api = new ConfigServiceApi(configService.url);
    for (const key of [IDLE, ROLLING, GONE, RETIRED]) await api.createRunningExperiment(key, [1, 5, 25, 100]);
    await api.call('POST', `/v1/experiments/${GONE}/pause`, { expectedVersion: 2 });
    await api.call('POST', `/v1/experiments/${GONE}/conclude`, { expectedVersion: 3, winner: 'treatment' });
    await api.call('POST', `/v1/experiments/${GONE}/archive`, { expectedVersion: 4 });
    dep = new DeploymentHarness(deploymentDb.url, configService.url);
    await dep.start();
    await dep.connectProducer();
    expect((await request({ method: 'POST', path: '/v1/deployments', body: registration({ experimentKey: RETIRED }) })).status).toBe(201);
    expect((await request({ method: 'POST', path: `/v1/deployments/${RETIRED}/archive` })).status).toBe(200);
    await dep.produce(decision(ROLLING, 'ADVANCE', 0));
    // Settled: the rollout exists and its config-service command was performed, so nothing changes the stores behind the cases.
    const rolling = async () =>
      (await request({ method: 'GET', path: `/v1/rollouts/${ROLLING}`, key: READER })).status === 200 &&
      (await dep.query<{ n: number }>("select count(*)::int as n from pending_actions where status = 'pending'"))[0].n === 0;
    await waitFor('the rolling experiment to have a settled rollout', rolling, { timeoutMs: 30_000 });
  }, 120_000);

  afterAll(async () => {
    await dep?.disconnectProducer().catch(() => undefined);
    await dep?.stop();
    await configService?.stop();
    await Promise.all([configDb?.drop(), deploymentDb?.drop()]);
  });

  it('has at least 25 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cases)('$name -> $status $code, stores unchanged', async (c) => {
    const before = await storeState();
    const reply = await request(c);
    expect({ status: reply.status, code: reply.body?.error?.code }).toEqual({ status: c.status, code: c.code });
    expect(reply.body.error.message.length).toBeGreaterThan(0);
    if (c.issuePath) expect((reply.body.error.details.issues as Array<{ path: string }>).map((i) => i.path)).toContain(c.issuePath);
    expect(await storeState()).toEqual(before);
  });

  it.each(HTTP_LAYER_CASES)('$name -> $status $code from the HTTP layer in the JSON error shape, stores unchanged', async ({ request: raw, status, code }) => {
    const before = await storeState();
    expect(await rawHttp(dep.url, raw)).toEqual({ status, body: { error: { code, message: expect.any(String) } } });
    expect(await storeState()).toEqual(before);
  });

  it('registers a known experiment, lists it, archives it once no rollout runs, and lists it again only on request', async () => {
    const registered = await request({ method: 'POST', path: '/v1/deployments', body: registration() });
    expect(registered.status).toBe(201);
    const archived = await request({ method: 'POST', path: `/v1/deployments/${IDLE}/archive` });
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ experimentKey: IDLE, archivedAt: expect.any(String) });
    const keys = async (path: string) => ((await request({ method: 'GET', path, key: READER })).body.items as Array<{ experimentKey: string }>).map((d) => d.experimentKey);
    expect(await keys('/v1/deployments')).not.toContain(IDLE);
    expect(await keys('/v1/deployments?includeArchived=true')).toEqual(expect.arrayContaining([IDLE, RETIRED]));
  });

  it('stays ready', async () => {
    expect((await fetch(`${dep.url}/health/ready`)).status).toBe(200);
  });
});
