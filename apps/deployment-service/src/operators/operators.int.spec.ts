import { waitFor } from '@xp/kafka/testing';
import { createTestDatabase, type TestDatabase } from '@xp/postgres';
import { randomBytes } from 'node:crypto';
import { ConfigServiceApi } from '../testing/config-service-api';
import { ConfigServiceProcess, freePort } from '../testing/config-service-process';
import { decision, DeploymentHarness } from '../testing/deployment-harness';

const STAGES = [1, 5, 25, 100];
const uniqueKey = (prefix: string) => `${prefix}-${randomBytes(3).toString('hex')}`;

describe('operators API (real Kafka, PostgreSQL and config-service)', () => {
  let configDb: TestDatabase;
  let deploymentDb: TestDatabase;
  let configService: ConfigServiceProcess;
  let api: ConfigServiceApi;
  let dep: DeploymentHarness;

  const history = async (key: string) => ((await dep.http('GET', `/v1/rollouts/${key}`, 'dev-reader-key')).body.history ?? []) as Array<Record<string, unknown>>;
  const waitForHistory = (key: string, count: number) => waitFor(`${count} history rows for ${key}`, async () => (await history(key)).length >= count);
  const rolloutChanges = async (key: string) =>
    (await api.audit(`experiment:${key}`)).filter((e) => e.eventType === 'ExperimentRolloutChanged').map((e) => e.payload.decisionId);

  beforeAll(async () => {
    [configDb, deploymentDb] = await Promise.all([createTestDatabase('xp_dep_cfg'), createTestDatabase('xp_dep')]);
    configService = new ConfigServiceProcess(await freePort(), configDb.url);
    await configService.start();
    api = new ConfigServiceApi(configService.url);
    dep = new DeploymentHarness(deploymentDb.url, configService.url);
    await dep.start();
    await dep.connectProducer();
  });

  afterAll(async () => {
    await dep?.disconnectProducer().catch(() => undefined);
    await dep?.stop();
    await configService?.stop();
    await Promise.all([configDb?.drop(), deploymentDb?.drop()]);
  });

  it('holds an ADVANCE for approval when the policy requires it and commands config-service on approve', async () => {
    const key = uniqueKey('approval');
    await api.createRunningExperiment(key, STAGES);
    const advance = decision(key, 'ADVANCE', 0, { policy: { stages: STAGES, requiresApproval: true } });
    await dep.produce(advance);
    await waitForHistory(key, 1);
    expect((await dep.http('GET', `/v1/rollouts/${key}`, 'dev-reader-key')).body).toMatchObject({ status: 'awaiting_approval', stageIndex: 0 });
    const listed = (await dep.http('GET', '/v1/rollouts', 'dev-reader-key')).body.items as Array<Record<string, unknown>>;
    expect(listed.find((r) => r.experimentKey === key)).toMatchObject({ status: 'awaiting_approval', stageIndex: 0 });
    expect(await rolloutChanges(key)).toEqual([]);

    const approved = await dep.http('POST', `/v1/rollouts/${key}/approve`, 'dev-admin-key', { reason: 'metrics look fine' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ rollout: { status: 'running', stageIndex: 1, percentage: 5 }, pendingActions: 0 });
    expect(await rolloutChanges(key)).toEqual([advance.decisionId]);
    expect((await api.experiment(key)).currentStageIndex).toBe(1);

    const again = await dep.http('POST', `/v1/rollouts/${key}/approve`);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'nothing_to_approve' } });
  });

  it('records decisions while automation is paused and applies only the latest one on resume', async () => {
    const key = uniqueKey('paused');
    await api.createRunningExperiment(key, STAGES);
    await dep.produce(decision(key, 'HOLD', 0));
    await waitForHistory(key, 1);
    expect((await dep.http('POST', `/v1/rollouts/${key}/pause`)).status).toBe(200);
    expect((await dep.http('POST', `/v1/rollouts/${key}/pause`)).body).toMatchObject({ error: { code: 'already_paused' } });

    const latest = decision(key, 'ADVANCE', 0);
    await dep.produce(decision(key, 'HOLD', 0, { decisionId: `${key}:hold-again` }), latest);
    await waitForHistory(key, 4);
    expect(await rolloutChanges(key)).toEqual([]);

    const resumed = await dep.http('POST', `/v1/rollouts/${key}/resume`);
    expect(resumed.body).toMatchObject({ rollout: { status: 'running', stageIndex: 1, automationPaused: false } });
    expect((await history(key)).map((h) => h.action)).toEqual(['HELD', 'AUTOMATION_PAUSED', 'DEFERRED', 'DEFERRED', 'AUTOMATION_RESUMED', 'ADVANCED']);
    expect(await rolloutChanges(key)).toEqual([latest.decisionId]);
  });

  it('lets an operator force a rollback, recorded with the operator as actor', async () => {
    const key = uniqueKey('force');
    await api.createRunningExperiment(key, STAGES);
    await dep.produce(decision(key, 'ADVANCE', 0));
    await waitForHistory(key, 1);
    const res = await dep.http('POST', `/v1/rollouts/${key}/rollback`, 'dev-admin-key', { reason: 'error rate' });
    expect(res.body).toMatchObject({ rollout: { status: 'rolled_back', percentage: 0 }, pendingActions: 0 });
    expect(await api.flag(`${key}-flag`)).toMatchObject({ enabled: false });
    expect(await api.experiment(key)).toMatchObject({ status: 'paused', rolloutPercentage: 0 });
    const last = (await history(key)).at(-1);
    expect(last).toMatchObject({ kind: 'OPERATOR', action: 'ROLLED_BACK', reason: 'error rate' });
    expect(last?.actor).not.toBe('analysis-service');
    expect((await dep.http('POST', `/v1/rollouts/${key}/rollback`)).status).toBe(409);
  });

  it('answers 404 for an unknown rollout, 401 without a key and 403 when a reader calls an operator action', async () => {
    const missing = await dep.http('GET', '/v1/rollouts/no-such-experiment', 'dev-reader-key');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { code: 'rollout_not_found' } });
    expect((await dep.http('POST', '/v1/rollouts/no-such-experiment/pause')).status).toBe(404);
    expect((await fetch(`${dep.url}/v1/deployments`)).status).toBe(401);
    expect((await dep.http('POST', '/v1/rollouts/no-such-experiment/pause', 'dev-reader-key')).status).toBe(403);
    expect((await dep.http('POST', '/v1/deployments', 'dev-admin-key', { experimentKey: 'x' })).status).toBe(400);
  });
});
