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
