import { waitFor } from '@xp/kafka/testing';
import { createTestDatabase, type TestDatabase } from '@xp/postgres';
import { randomBytes } from 'node:crypto';
import { ConfigServiceApi } from '../testing/config-service-api';
import { ConfigServiceProcess, freePort } from '../testing/config-service-process';
import { decision, DeploymentHarness } from '../testing/deployment-harness';
import { WebhookReceiver } from '../testing/webhook-receiver';

const STAGES = [1, 5, 25, 100];
const SECRET = 'test-webhook-secret';
const uniqueKey = (prefix: string) => `${prefix}-${randomBytes(3).toString('hex')}`;

describe('deployment-service applying decisions (real Kafka, PostgreSQL and config-service)', () => {
  let configDb: TestDatabase;
  let deploymentDb: TestDatabase;
  let configService: ConfigServiceProcess;
  let api: ConfigServiceApi;
  let webhooks: WebhookReceiver;
  let dep: DeploymentHarness;

  const pendingActions = async () => (await dep.query<{ count: number }>(`select count(*)::int as count from pending_actions where status = 'pending'`))[0].count;
  const historyOf = (key: string) =>
    dep.query<{ decision_id: string; action: string; actor: string }>('select decision_id, action, actor from rollout_history where experiment_key = $1 order by id', [key]);
  const rolloutChanges = async (key: string) =>
    (await api.audit(`experiment:${key}`)).filter((e) => e.eventType === 'ExperimentRolloutChanged').map((e) => e.payload.decisionId);
  const eventsOf = async (key: string) => (await dep.deploymentEvents(1000, 3000)).filter((e) => e.experimentKey === key);
  /** Decisions on the topic whose offsets the group has not committed. */
  const uncommittedDecisions = async () => {
    const admin = dep.kafka.admin();
    await admin.connect();
    try {
      const committed = await admin.fetchOffsets({ groupId: dep.groupId, topics: [dep.decisionsTopic] });
      const ends = await admin.fetchTopicOffsets(dep.decisionsTopic);
      // -1: nothing committed yet on that partition, i.e. from offset 0.
      return committed[0].partitions.map((p) => Number(ends.find((e) => e.partition === p.partition)!.high) - Math.max(0, Number(p.offset))).reduce((a, b) => a + b, 0);
    } finally {
      await admin.disconnect();
    }
  };
  const settled = (key: string, status: string) =>
    waitFor(`rollout ${key} ${status} with no pending action`, async () => {
      const [row] = await dep.query<{ status: string }>('select status from rollouts where experiment_key = $1', [key]);
      return row?.status === status && (await pendingActions()) === 0;
    });

  beforeAll(async () => {
    [configDb, deploymentDb] = await Promise.all([createTestDatabase('xp_dep_cfg'), createTestDatabase('xp_dep')]);
    configService = new ConfigServiceProcess(await freePort(), configDb.url);
    await configService.start();
    api = new ConfigServiceApi(configService.url);
    webhooks = new WebhookReceiver(SECRET, 2);
    await webhooks.start();
    dep = new DeploymentHarness(deploymentDb.url, configService.url, { WEBHOOK_URLS: webhooks.url, WEBHOOK_SECRET: SECRET });
    await dep.start();
    await dep.connectProducer();
  });

  afterAll(async () => {
    await dep?.disconnectProducer().catch(() => undefined);
    await dep?.stop();
    await webhooks?.stop();
    await configService?.stop();
    await Promise.all([configDb?.drop(), deploymentDb?.drop()]);
  });

  it('acts once on a decision delivered twice: one history row, one config command, one deployment event', async () => {
    const key = uniqueKey('dup');
    await api.createRunningExperiment(key, STAGES);
    const advance = decision(key, 'ADVANCE', 0);
    await dep.produce(advance, advance);
    // A later decision on the same key (same partition) proves the duplicate was consumed before it.
    await dep.produce(decision(key, 'HOLD', 1));
    await settled(key, 'held');

    expect((await historyOf(key)).map((h) => [h.decision_id, h.action])).toEqual([
      [advance.decisionId, 'ADVANCED'],
      [`${key}:HOLD:1`, 'HELD'],
    ]);
    expect(await rolloutChanges(key)).toEqual([advance.decisionId]);
    expect((await api.experiment(key)).currentStageIndex).toBe(1);
    const events = await eventsOf(key);
    expect(events.map((e) => [e.action, e.decisionId])).toEqual([
      ['SHIFT_TRAFFIC', advance.decisionId],
      ['HOLD', `${key}:HOLD:1`],
    ]);
    expect(events[0].weights).toEqual({ blue: 95, green: 5 });
  });

  it('applies each decision produced while it was down exactly once after a restart, ending in SHIP', async () => {
    const key = uniqueKey('restart');
    await api.createRunningExperiment(key, STAGES);
    await dep.stop();
    const [a0, a1, ship] = [decision(key, 'ADVANCE', 0), decision(key, 'ADVANCE', 1), decision(key, 'SHIP', 2)];
    await dep.produce(a0, a1, a0, ship);
    await dep.start();
    await settled(key, 'shipped');

    expect((await historyOf(key)).map((h) => [h.decision_id, h.action])).toEqual([
      [a0.decisionId, 'ADVANCED'],
      [a1.decisionId, 'ADVANCED'],
      [ship.decisionId, 'SHIPPED'],
    ]);
    expect(await rolloutChanges(key)).toEqual([a0.decisionId, a1.decisionId, ship.decisionId]);
    const lifecycle = (await api.audit(`experiment:${key}`)).map((e) => e.eventType).filter((t) => t !== 'ExperimentRolloutChanged');
    expect(lifecycle).toEqual(['ExperimentCreated', 'ExperimentStarted', 'ExperimentPaused', 'ExperimentConcluded']);
    expect(await api.experiment(key)).toMatchObject({ status: 'concluded', winner: 'treatment', rolloutPercentage: 100 });
    expect((await eventsOf(key)).map((e) => e.action)).toEqual(['SHIFT_TRAFFIC', 'SHIFT_TRAFFIC', 'PROMOTE']);
    const { body } = await dep.http('GET', '/v1/deployments', 'dev-reader-key');
    expect((body.items as Array<Record<string, unknown>>).find((d) => d.experimentKey === key)).toMatchObject({
      service: `${key}-flag`,
      blueVersion: 'control',
      greenVersion: 'treatment',
      activeColour: 'green',
      weights: { blue: 0, green: 100 },
      status: 'COMPLETED',
    });
  });

  it('records a decision while config-service is down, commits its offset, retries the command and applies it once it is back', async () => {
    const key = uniqueKey('cfgdown');
    await api.createRunningExperiment(key, STAGES);
    const registered = await dep.http('POST', '/v1/deployments', 'dev-admin-key', { experimentKey: key, service: 'checkout', blueVersion: '1.4.0', greenVersion: '1.5.0' });
    expect(registered.status).toBe(201);
    await configService.stop();
    try {
      const advance = decision(key, 'ADVANCE', 0);
      await dep.produce(advance);
      await waitFor('failed attempts recorded', async () => {
        const rows = await dep.query<{ attempts: number }>('select attempts from pending_actions where decision_id = $1', [advance.decisionId]);
        return (rows[0]?.attempts ?? 0) >= 2;
      });
      const [action] = await dep.query<{ status: string }>('select status from pending_actions where decision_id = $1', [advance.decisionId]);
      expect(action.status).toBe('pending');
      // The pending action is the durable copy of the effect: the decision needs no redelivery.
      await waitFor('offset committed', async () => (await uncommittedDecisions()) === 0);
    } finally {
      await configService.start();
    }
    await settled(key, 'running');
    expect(await rolloutChanges(key)).toEqual([`${key}:ADVANCE:0`]);
    expect((await api.experiment(key)).currentStageIndex).toBe(1);
    const [event] = await eventsOf(key);
    expect(event).toMatchObject({ service: 'checkout', action: 'SHIFT_TRAFFIC', weights: { blue: 95, green: 5 } });
  });

  it('records decisions for an experiment nobody registered while config-service is down (visible in the API), and applies each once when it is back', async () => {
    const key = uniqueKey('unregistered');
    await api.createRunningExperiment(key, STAGES);
    const [a0, a1] = [decision(key, 'ADVANCE', 0), decision(key, 'ADVANCE', 1)];
    await configService.stop();
    try {
      await dep.produce(a0, a1, a0);
      await waitFor('both decisions recorded', async () => (await historyOf(key)).length === 2);
      const rollout = await dep.http('GET', `/v1/rollouts/${key}`, 'dev-reader-key');
      expect(rollout.status).toBe(200);
      expect(rollout.body).toMatchObject({ stageIndex: 2, percentage: 25, status: 'running' });
      expect((rollout.body.history as Array<{ decisionId: string; action: string }>).map((h) => [h.decisionId, h.action])).toEqual([
        [a0.decisionId, 'ADVANCED'],
        [a1.decisionId, 'ADVANCED'],
      ]);
      const pending = await dep.query<{ decision_id: string }>(`select decision_id from pending_actions where experiment_key = $1 and status = 'pending' order by id`, [key]);
      expect(pending.map((p) => p.decision_id)).toEqual([a0.decisionId, a1.decisionId]);
      await waitFor('offsets committed', async () => (await uncommittedDecisions()) === 0);
    } finally {
      await configService.start();
    }
    await settled(key, 'running');
    expect(await rolloutChanges(key)).toEqual([a0.decisionId, a1.decisionId]);
    expect((await api.experiment(key)).currentStageIndex).toBe(2);
    expect((await eventsOf(key)).map((e) => [e.action, e.decisionId])).toEqual([
      ['SHIFT_TRAFFIC', a0.decisionId],
      ['SHIFT_TRAFFIC', a1.decisionId],
    ]);
    // The same decision once more, now that everything is applied: nothing changes.
    await dep.produce(a0);
    await dep.produce(decision(key, 'HOLD', 2));
    await settled(key, 'held');
    expect(await rolloutChanges(key)).toEqual([a0.decisionId, a1.decisionId]);
  });

  it('rolls back to 0 % with the flag kill switch, pauses the experiment, blue active again, and tells the webhooks with signed retried deliveries', async () => {
    const key = uniqueKey('rollback');
    await api.createRunningExperiment(key, STAGES);
    await dep.produce(decision(key, 'ADVANCE', 0), decision(key, 'ROLLBACK', 1));
    await settled(key, 'rolled_back');

    expect(await api.flag(`${key}-flag`)).toMatchObject({ enabled: false });
    // Paused, so analysis stops deciding for it; the kill switch already serves everyone the off variant.
    expect(await api.experiment(key)).toMatchObject({ status: 'paused', rolloutPercentage: 0 });
    expect(await rolloutChanges(key)).toEqual([`${key}:ADVANCE:0`, `${key}:ROLLBACK:1`]);
    const rollout = await dep.http('GET', `/v1/rollouts/${key}`, 'dev-reader-key');
    expect(rollout.body).toMatchObject({ status: 'rolled_back', percentage: 0, deployment: { activeColour: 'blue', weights: { blue: 100, green: 0 }, status: 'ROLLED_BACK' } });
    expect((rollout.body.history as unknown[]).length).toBe(2);

    await waitFor('rollback webhook delivered', () => webhooks.received.some((w) => w.answered === 204 && w.envelope.data.experimentKey === key && w.envelope.data.action === 'ROLLBACK'));
    expect(webhooks.received.every((w) => w.validSignature)).toBe(true);
    expect(webhooks.received.slice(0, 2).map((w) => w.answered)).toEqual([500, 500]);
    // Every event refused at first was delivered on a later attempt.
    const refused = new Set(webhooks.received.filter((w) => w.answered === 500).map((w) => w.envelope.id));
    const delivered = new Set(webhooks.received.filter((w) => w.answered === 204).map((w) => w.envelope.id));
    expect([...refused].filter((id) => !delivered.has(id))).toEqual([]);
  });
});
