import { waitFor } from '@xp/kafka/testing';
import { api } from './admin-api';
import { TestPlatform } from './test-platform';

/*
 * Environments end to end: config-service and assignment-service as child processes on their own
 * topics, with the development keys (`dev-sdk-key` unscoped, `dev-sdk-staging-key` scoped to staging,
 * `dev-sdk-development-key` to development). A flag on in staging and off in production answers each
 * key as its environment says; promotion carries staging's configuration into production.
 */

const platform = new TestPlatform();
const variants = [{ key: 'off', value: false }, { key: 'on', value: true }];
const everyone = [{ id: 'everyone', weights: [{ variant: 'on', weight: 10_000 }] }];
const flag = (extra: Record<string, unknown>) => ({ key: 'new-search', valueType: 'boolean', variants, offVariant: 'off', salt: 'new-search', ...extra });

interface Answer {
  status: number;
  body: { results?: Record<string, { variant: string; reason: string }>; error?: { code: string }; ruleset?: { flags: Array<{ key: string; enabled: boolean }> } };
}

async function call(path: string, key: string, body?: unknown): Promise<Answer> {
  const res = await fetch(`${platform.urls.assignment}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

const variantFor = async (key: string, extra: Record<string, unknown> = {}, query = ''): Promise<string | undefined> =>
  (await call(`/v1/evaluate${query}`, key, { unit: 'u-1', flags: ['new-search'], ...extra })).body.results?.['new-search'].variant;

beforeAll(async () => {
  try {
    await platform.start({ analysisIntervalMs: 60_000, readyTimeoutMs: 120_000, services: ['config', 'assignment'] });
  } catch (err) {
    await platform.stop();
    throw err;
  }
}, 150_000);

afterAll(async () => {
  await platform.stop();
});

describe('environments end to end (config-service -> Kafka -> assignment-service)', () => {
  it('answers each key in its own environment: on in staging, off in production, absent in development', async () => {
    await api(platform.urls.config, '/v1/flags', { method: 'POST', body: flag({ enabled: false, rules: [] }) });
    await api(platform.urls.config, '/v1/flags/new-search?environment=staging', { method: 'PUT', body: { ...flag({ enabled: true, rules: everyone }), expectedVersion: 1 } });

    await waitFor('staging to serve the flag on', async () => (await variantFor('dev-sdk-staging-key')) === 'on', { timeoutMs: 20_000 });
    expect(await variantFor('dev-sdk-key')).toBe('off');
    expect(await variantFor('dev-sdk-development-key')).toBe('off');
    // An unscoped key chooses its environment per request, in the body or the query.
    expect(await variantFor('dev-sdk-key', { environment: 'staging' })).toBe('on');
    expect(await variantFor('dev-sdk-key', {}, '?environment=staging')).toBe('on');

    const refused = await call('/v1/evaluate?environment=production', 'dev-sdk-staging-key', { unit: 'u-1' });
    expect(refused.status).toBe(403);
    expect((await call('/v1/evaluate', 'dev-sdk-staging-key', { unit: 'u-1', environment: 'production' })).status).toBe(403);
    const unknown = await call('/v1/evaluate', 'dev-sdk-key', { unit: 'u-1', environment: 'mars' });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'environment_not_found' } } });

    const stagingRuleset = await call('/v1/ruleset', 'dev-sdk-staging-key');
    expect(stagingRuleset.body.ruleset?.flags.find((f) => f.key === 'new-search')).toMatchObject({ enabled: true });
    const productionRuleset = await call('/v1/ruleset', 'dev-sdk-key');
    expect(productionRuleset.body.ruleset?.flags.find((f) => f.key === 'new-search')).toMatchObject({ enabled: false });
    expect((await call('/v1/ruleset?environment=production', 'dev-sdk-staging-key')).status).toBe(403);
  });

  it('promotes staging to production, and serves an environment created by API', async () => {
    await api(platform.urls.config, '/v1/flags/new-search/promote', { method: 'POST', body: { from: 'staging', to: 'production', expectedVersion: 2 } });
    await waitFor('production to serve the promoted flag', async () => (await variantFor('dev-sdk-key')) === 'on', { timeoutMs: 20_000 });

    await api(platform.urls.config, '/v1/environments', { method: 'POST', body: { key: 'eu-west' } });
    const { version } = await api<{ version: number }>(platform.urls.config, '/v1/flags/new-search');
    await api(platform.urls.config, '/v1/flags/new-search/promote', { method: 'POST', body: { from: 'production', to: 'eu-west', expectedVersion: version } });
    await waitFor('eu-west to serve the flag', async () => (await variantFor('dev-sdk-key', { environment: 'eu-west' })) === 'on', { timeoutMs: 20_000 });
    const environments = await api<{ items: Array<{ key: string }> }>(platform.urls.config, '/v1/environments', { key: 'dev-reader-key' });
    expect(environments.items.map((e) => e.key)).toEqual(['development', 'staging', 'production', 'eu-west']);
  });
});

describe('holdouts end to end', () => {
  it("keeps a holdout's units out of the experiments it holds out: off variant, never enrolled", async () => {
    await api(platform.urls.config, '/v1/metrics', { method: 'POST', body: { key: 'orders', eventName: 'order', kind: 'binomial' } });
    const experiment = {
      key: 'held-exp',
      hypothesis: 'on converts better',
      variants: [{ key: 'off', weight: 5000, control: true }, { key: 'on', weight: 5000 }],
      layer: { key: 'held-layer', start: 0, end: 10_000 },
      primaryMetric: 'orders',
    };
    await api(platform.urls.config, '/v1/guarded-rollouts', { method: 'POST', body: { flag: { ...flag({ rules: [] }), key: 'held' }, experiment } });
    // Every unit enrolled (not the policy's first stage), so only the holdout keeps units out.
    await api(platform.urls.config, '/v1/experiments/held-exp/rollout', { method: 'POST', body: { decisionId: 'e2e-all-in', reason: 'test: everyone', percentage: 100 } });
    const holdout = await api<Record<string, unknown>>(platform.urls.config, '/v1/holdouts', {
      method: 'POST',
      body: { key: 'long-term', salt: 'long-term', percentage: 30, experimentKeys: ['held-exp'] },
    });
    expect(holdout).toMatchObject({ environment: 'production', experimentKeys: ['held-exp'], version: 1 });

    type Result = { variant: string; holdout?: string; experiment?: { key: string; inExperiment: boolean } };
    const evaluateAll = async () =>
      Promise.all(
        Array.from({ length: 300 }, async (_, i) => (await call('/v1/evaluate', 'dev-sdk-key', { unit: `unit-${i}`, flags: ['held'] })).body.results?.held as unknown as Result),
      );
    await waitFor('the holdout to reach assignment-service', async () => (await evaluateAll()).some((r) => r.holdout === 'long-term'), { timeoutMs: 20_000 });
    const results = await evaluateAll();
    const held = results.filter((r) => r.holdout === 'long-term');
    const enrolled = results.filter((r) => r.experiment?.inExperiment);
    expect(held.length).toBeGreaterThan(50); // 30 % of 300 is 90; binomial sd ~8
    expect(held.length).toBeLessThan(130);
    for (const r of held) expect(r).toEqual({ variant: 'off', value: false, reason: 'DEFAULT', holdout: 'long-term' });
    expect(enrolled.length).toBe(300 - held.length);
    // Archiving the holdout lets its units in again.
    await api(platform.urls.config, '/v1/holdouts/long-term', { method: 'DELETE', body: { expectedVersion: 1 } });
    await waitFor('every unit to be enrolled', async () => (await evaluateAll()).every((r) => r.experiment?.inExperiment), { timeoutMs: 20_000 });
  });
});
