import { type ConfigServiceHarness, startConfigService } from '../testing/config-service-harness';
import { booleanFlag, experiment, metric } from '../testing/fixtures';

/** POST /v1/guarded-rollouts on the real PostgreSQL: everything in one transaction of events, or nothing. */
describe('config-service: a guarded rollout in one call (real PostgreSQL)', () => {
  let svc: ConfigServiceHarness;
  const experimentBody = (key: string) => {
    const { flagKey: _flagKey, ...body } = experiment(key, 'unused', 'orders');
    return body;
  };

  beforeAll(async () => {
    svc = await startConfigService();
    await svc.request('POST', '/v1/metrics', { body: metric('orders') });
  });

  afterAll(async () => {
    await svc?.close();
  });

  it('creates the flag, the experiment, the rule running it and starts it, in one transaction', async () => {
    const flag = booleanFlag('one-call', { enabled: false, rules: [] });
    const res = await svc.request('POST', '/v1/guarded-rollouts', { body: { flag, experiment: experimentBody('one-call-exp') }, headers: { 'x-change-comment': 'ship it safely' } });
    expect(res.status).toBe(201);
    expect(res.body.environment).toBe('production');
    expect(res.body.experiment).toMatchObject({ key: 'one-call-exp', flagKey: 'one-call', environment: 'production', status: 'running' });
    expect(res.body.flag).toMatchObject({ enabled: true, rules: [{ id: 'experiment-one-call-exp', experimentKey: 'one-call-exp' }] });
    const events = await svc.sql<{ stream_id: string; event_type: string; comment: string; tx: string }>(
      `select stream_id, event_type, comment, xmin::text as tx from events where stream_id in ('flag:one-call', 'experiment:one-call-exp') order by position`,
    );
    expect(events.map((e) => `${e.stream_id} ${e.event_type}`)).toEqual([
      'flag:one-call FlagCreated',
      'experiment:one-call-exp ExperimentCreated',
      'flag:one-call FlagUpdated',
      'experiment:one-call-exp ExperimentStarted',
    ]);
    expect(new Set(events.map((e) => e.tx)).size).toBe(1);
    expect(events.every((e) => e.comment === 'ship it safely')).toBe(true);
  });

  it('runs on an existing flag in one environment, its variants by default, its other rules kept after the experiment', async () => {
    await svc.request('POST', '/v1/flags?environment=staging', { body: booleanFlag('existing') });
    const { variants: _variants, ...withoutVariants } = experimentBody('staging-exp');
    const res = await svc.request('POST', '/v1/guarded-rollouts', { body: { flag: 'existing', environment: 'staging', experiment: withoutVariants } });
    expect(res.status).toBe(201);
    expect(res.body.experiment).toMatchObject({ environment: 'staging', variants: [{ key: 'off', weight: 5000, control: true }, { key: 'on', weight: 5000 }] });
    expect(res.body.flag.rules.map((r: { id: string }) => r.id)).toEqual(['experiment-staging-exp', 'everyone']);
    expect((await svc.request('GET', '/v1/flags/existing')).body.environments).not.toHaveProperty('production');
  });

  it('writes nothing when any part is refused', async () => {
    const before = await svc.sql<{ n: string }>('select count(*)::text as n from events');
    const badMetric = { ...experimentBody('bad-exp'), primaryMetric: 'nope' };
    const refused = await svc.request('POST', '/v1/guarded-rollouts', { body: { flag: booleanFlag('never-created'), experiment: badMetric } });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body.error.details.issues)).toContain("unknown metric 'nope'");
    expect((await svc.request('GET', '/v1/flags/never-created')).status).toBe(404);
    expect((await svc.request('POST', '/v1/guarded-rollouts', { body: { flag: 'missing-flag', experiment: experimentBody('x') } })).status).toBe(404);
    expect((await svc.request('POST', '/v1/guarded-rollouts', { body: { flag: {}, experiment: {} } })).body.error.details.issues).toEqual([
      { path: 'flag.key', message: 'required' },
      { path: 'experiment.key', message: 'required' },
    ]);
    // A retry of a rollout that was created: 409, nothing counted twice.
    expect((await svc.request('POST', '/v1/guarded-rollouts', { body: { flag: 'one-call', experiment: experimentBody('one-call-exp') } })).status).toBe(409);
    expect(await svc.sql<{ n: string }>('select count(*)::text as n from events')).toEqual(before);
  });
});
