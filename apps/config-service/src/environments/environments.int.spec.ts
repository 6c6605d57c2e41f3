import { type ConfigServiceHarness, startConfigService } from '../testing/config-service-harness';
import { booleanFlag, experiment, metric } from '../testing/fixtures';

/*
 * Environments in config-service on the real PostgreSQL: a flag's part per environment, promotion,
 * experiments bound to one environment, created environments, and a store written before environments
 * existed (flat flag states) replaying into production unchanged.
 */
describe('config-service: environments (real PostgreSQL)', () => {
  let svc: ConfigServiceHarness;

  beforeAll(async () => {
    svc = await startConfigService();
  });

  afterAll(async () => {
    await svc?.close();
  });

  it('lists the built-in environments and those created by API; a built-in cannot be created or removed', async () => {
    expect((await svc.request('POST', '/v1/environments', { body: { key: 'eu-west', description: 'EU' } })).status).toBe(201);
    const listed = await svc.request('GET', '/v1/environments', { key: 'test-reader-key' });
    expect(listed.body.items.map((e: { key: string }) => e.key)).toEqual(['development', 'staging', 'production', 'eu-west']);
    expect((await svc.request('POST', '/v1/environments', { body: { key: 'staging' } })).body.error.code).toBe('already_exists');
    expect((await svc.request('DELETE', '/v1/environments/production')).status).toBe(409);
    expect((await svc.request('POST', '/v1/environments', { body: { key: 'Not A Slug' } })).status).toBe(400);
  });

  it('keeps one part per environment: a write to staging leaves production as it was, and promotion copies it', async () => {
    const created = await svc.request('POST', '/v1/flags', { body: booleanFlag('checkout', { enabled: false, rules: [] }) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ environment: 'production', enabled: false });
    const staged = await svc.request('PUT', '/v1/flags/checkout?environment=staging', { body: { ...booleanFlag('checkout', { enabled: true }), expectedVersion: 1 } });
    expect(staged.status).toBe(200);
    expect(staged.body).toMatchObject({ environment: 'staging', enabled: true, environments: { production: { enabled: false, rules: [] }, staging: { enabled: true } } });

    const production = await svc.request('GET', '/v1/flags/checkout');
    expect(production.body).toMatchObject({ environment: 'production', enabled: false, rules: [] });
    const development = await svc.request('GET', '/v1/flags/checkout?environment=development');
    expect(development.body).toMatchObject({ environment: 'development', enabled: false, rules: [], overrides: {} });
    const list = await svc.request('GET', '/v1/flags?environment=staging');
    expect(list.body.items.find((f: { key: string }) => f.key === 'checkout')).toMatchObject({ enabled: true });

    // Kill switch in one environment only.
    const off = await svc.request('POST', '/v1/flags/checkout/kill-switch?environment=staging', { body: { enabled: false, expectedVersion: 2 } });
    expect(off.body).toMatchObject({ environment: 'staging', enabled: false, environments: { production: { enabled: false } } });
    await svc.request('POST', '/v1/flags/checkout/kill-switch?environment=staging', { body: { enabled: true, expectedVersion: 3 } });

    const promoted = await svc.request('POST', '/v1/flags/checkout/promote', { body: { from: 'staging', to: 'production', expectedVersion: 4 }, headers: { 'x-change-comment': 'tried in staging' } });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ environment: 'production', enabled: true, rules: [{ id: 'everyone' }] });
    const [event] = await svc.sql<{ event_type: string; comment: string }>(`select event_type, comment from events where stream_id = 'flag:checkout' and version = 5`);
    expect(event).toEqual({ event_type: 'FlagPromoted', comment: 'tried in staging' });

    expect((await svc.request('POST', '/v1/flags/checkout/promote', { body: { from: 'development', to: 'production', expectedVersion: 5 } })).body.error.code).toBe('nothing_to_promote');
    expect((await svc.request('POST', '/v1/flags/checkout/promote', { body: { from: 'staging', to: 'staging' } })).status).toBe(400);
  });

  it('refuses an unknown environment, and a rule running an experiment of another environment (also by promotion)', async () => {
    const unknown = await svc.request('POST', '/v1/flags?environment=mars', { body: booleanFlag('nowhere') });
    expect(unknown.status).toBe(422);
    expect(JSON.stringify(unknown.body.error.details.issues)).toContain("unknown environment 'mars'");
    expect((await svc.request('GET', '/v1/segments?environment=staging')).body.error.code).toBe('no_environments');

    await svc.request('POST', '/v1/metrics', { body: metric('orders') });
    await svc.request('POST', '/v1/flags?environment=staging', { body: booleanFlag('banner', { rules: [] }) });
    const exp = await svc.request('POST', '/v1/experiments', { body: experiment('banner-test', 'banner', 'orders', { environment: 'staging' }) });
    expect(exp.status).toBe(201);
    expect(exp.body.environment).toBe('staging');
    const inProduction = await svc.request('PUT', '/v1/flags/banner?environment=production', { body: { ...booleanFlag('banner', { rules: [{ id: 'x', experimentKey: 'banner-test' }] }), expectedVersion: 1 } });
    expect(inProduction.status).toBe(422);
    expect(inProduction.body.error.details.issues).toEqual([
      { path: 'environments.production.rules.0.experimentKey', message: "experiment 'banner-test' runs in environment 'staging', not 'production'" },
    ]);
    const inStaging = await svc.request('PUT', '/v1/flags/banner?environment=staging', { body: { ...booleanFlag('banner', { rules: [{ id: 'x', experimentKey: 'banner-test' }] }), expectedVersion: 1 } });
    expect(inStaging.status).toBe(200);
    expect((await svc.request('POST', '/v1/flags/banner/promote', { body: { from: 'staging', to: 'production', expectedVersion: 2 } })).status).toBe(422);

    const stagingExperiments = await svc.request('GET', '/v1/experiments?environment=staging');
    expect(stagingExperiments.body.items.map((e: { key: string }) => e.key)).toEqual(['banner-test']);
    expect((await svc.request('GET', '/v1/experiments?environment=production')).body.items).toEqual([]);
    const moved = await svc.request('PUT', '/v1/experiments/banner-test', { body: { ...experiment('banner-test', 'banner', 'orders', { environment: 'production' }), expectedVersion: 1 } });
    expect(moved.body.error.code).toBe('environment_fixed');
  });

  it('replays a store written before environments existed into production, unchanged', async () => {
    // As the code before environments wrote them: flat flag states (enabled, rules, overrides at the top).
    const v1 = booleanFlag('legacy', { enabled: true, overrides: { qa: 'on' }, tags: [], prerequisites: [] });
    const v2 = { ...v1, description: 'edited before the upgrade' };
    await svc.sql(
      `insert into events (stream_id, stream_type, version, event_type, payload, actor) values
        ('flag:legacy', 'flag', 1, 'FlagCreated', $1, 'admin-1'), ('flag:legacy', 'flag', 2, 'FlagUpdated', $2, 'admin-1')`,
      [JSON.stringify({ state: v1 }), JSON.stringify({ state: v2 })],
    );
    const rebuilt = await svc.request('POST', '/v1/admin/projections/rebuild');
    expect(rebuilt.status).toBe(200);

    const read = await svc.request('GET', '/v1/flags/legacy');
    expect(read.body).toMatchObject({ ...v2, version: 2, environment: 'production' });
    expect(Object.keys(read.body.environments)).toEqual(['production']);
    expect(read.body.environments.production).toMatchObject({ enabled: true, rules: [{ id: 'everyone', weights: v1.rules[0].weights }], overrides: { qa: 'on' } });
    expect((await svc.request('GET', '/v1/flags/legacy?environment=staging')).body).toMatchObject({ enabled: false, rules: [], overrides: {} });

    // The first write after the upgrade stores every part; production keeps what it had.
    const staged = await svc.request('PUT', '/v1/flags/legacy?environment=staging', { body: { ...booleanFlag('legacy', { enabled: true }), expectedVersion: 2 } });
    expect(staged.status).toBe(200);
    const [stored] = await svc.sql<{ payload: { state: Record<string, unknown> } }>(`select payload from events where stream_id = 'flag:legacy' and version = 3`);
    expect(stored.payload.state).not.toHaveProperty('enabled');
    expect(stored.payload.state.environments).toMatchObject({ production: { enabled: true, overrides: { qa: 'on' } }, staging: { enabled: true } });
    expect((await svc.request('GET', '/v1/flags/legacy?at=' + new Date().toISOString())).body).toMatchObject({ enabled: true, overrides: { qa: 'on' } });
  });
});
