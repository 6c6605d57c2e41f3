import { kafkaForTests, readTopic } from '@xp/kafka/testing';
import { api } from './admin-api';
import { ServiceProcess } from '@xp/platform/testing';
import { TestPlatform } from './test-platform';

/*
 * The whole guarded rollout, black box: the four services run as child processes on their own
 * topics, databases and ClickHouse directory; the scenarios are driven by `npm run demo`'s program
 * (REST only: flag, metrics, experiment, simulated users) and the outcome is checked through the
 * decision topic and the services' public APIs.
 */

const platform = new TestPlatform();
const kafka = kafkaForTests('xp-e2e');
const runId = `e2e${Date.now().toString(36)}`;
const SCENARIO_TIMEOUT_S = 170;

interface Decision {
  decisionId: string;
  kind: string;
  stageIndex: number;
}

async function runDemo(scenario: 'ship' | 'rollback'): Promise<{ exitCode: number | null; output: string }> {
  const demo = new ServiceProcess('demo', 'tools/demo/src/main.ts', ['--scenario', scenario, '--run-id', runId, '--timeout-s', String(SCENARIO_TIMEOUT_S)], {
    ...process.env,
    XP_CONFIG_URL: platform.urls.config,
    XP_ASSIGNMENT_URL: platform.urls.assignment,
    XP_ANALYSIS_URL: platform.urls.analysis,
    XP_DEPLOYMENT_URL: platform.urls.deployment,
  }, 200_000);
  try {
    const exitCode = await demo.exited;
    return { exitCode, output: demo.log };
  } finally {
    await demo.stop();
  }
}

/** The experiment's decisions on the platform's own xp.decisions topic, in order, repeats (at-least-once) dropped. */
async function decisionsOf(experimentKey: string): Promise<Decision[]> {
  const records = await readTopic(kafka, `${platform.topicPrefix}xp.decisions`, { count: 10_000, timeoutMs: 8000 });
  const seen = new Set<string>();
  const decisions: Decision[] = [];
  for (const record of records.filter((r) => r.key === experimentKey)) {
    const { data } = JSON.parse(record.value ?? '{}') as { data: Decision };
    if (!seen.has(data.decisionId)) decisions.push(data);
    seen.add(data.decisionId);
  }
  return decisions;
}

async function evaluateFreshUnit(flagKey: string): Promise<string> {
  const { results } = await api<{ results: Record<string, { variant: string }> }>(platform.urls.assignment, '/v1/evaluate', {
    method: 'POST',
    body: { unit: `after-${Date.now()}-${Math.random()}`, flags: [flagKey] },
    key: 'dev-sdk-key',
  });
  return results[flagKey].variant;
}

async function deploymentOf(experimentKey: string) {
  const { items } = await api<{ items: Array<Record<string, unknown>> }>(platform.urls.deployment, '/v1/deployments');
  return items.find((d) => d.experimentKey === experimentKey);
}

beforeAll(async () => {
  try {
    await platform.start({ analysisIntervalMs: 1500, readyTimeoutMs: 150_000 });
  } catch (err) {
    await platform.stop();
    throw err;
  }
}, 200_000);

afterAll(async () => {
  await platform.stop();
  const admin = kafka.admin();
  await admin.connect();
  const ours = (await admin.listTopics()).filter((t) => t.startsWith(platform.topicPrefix));
  if (ours.length) await admin.deleteTopics({ topics: ours }).catch(() => undefined);
  await admin.disconnect();
}, 60_000);

describe('guarded rollout, end to end', () => {
  it('ramps a better variant 1 % -> 100 % through ADVANCE decisions, ships it and makes green active', async () => {
    const { exitCode, output } = await runDemo('ship');
    const experimentKey = `demo-ship-${runId}`;
    const flagKey = `${experimentKey}-checkout`;
    if (exitCode !== 0) throw new Error(`demo exited with ${exitCode}:\n${output}\n${platform.logs()}`);
    expect(output).toContain(`OK   ${experimentKey}: expected SHIP, got SHIP`);

    const decisions = await decisionsOf(experimentKey);
    expect(decisions.map((d) => d.decisionId)).toEqual([
      ...[0, 1, 2, 3, 4].map((stage) => `${experimentKey}:${stage}:ADVANCE`),
      `${experimentKey}:5:SHIP`,
    ]);

    const experiment = await api(platform.urls.config, `/v1/experiments/${experimentKey}`);
    expect(experiment).toMatchObject({ status: 'concluded', winner: 'green', currentStageIndex: 5, rolloutPercentage: 100 });
    expect(await api(platform.urls.config, `/v1/flags/${flagKey}`)).toMatchObject({ enabled: true });
    expect(await evaluateFreshUnit(flagKey)).toBe('green');

    expect(await deploymentOf(experimentKey)).toMatchObject({
      service: 'checkout-ship',
      blueVersion: 'checkout-v1',
      greenVersion: 'checkout-v2',
      activeColour: 'green',
      weights: { blue: 0, green: 100 },
      status: 'COMPLETED',
    });
    const rollout = await api<{ status: string; percentage: number; history: Array<{ kind: string; action: string; toPercentage: number }> }>(
      platform.urls.deployment,
      `/v1/rollouts/${experimentKey}`,
    );
    expect(rollout.status).toBe('shipped');
    expect(rollout.percentage).toBe(100);
    expect(rollout.history.map((h) => [h.kind, h.action, h.toPercentage])).toEqual([
      ['ADVANCE', 'ADVANCED', 5],
      ['ADVANCE', 'ADVANCED', 10],
      ['ADVANCE', 'ADVANCED', 25],
      ['ADVANCE', 'ADVANCED', 50],
      ['ADVANCE', 'ADVANCED', 100],
      ['SHIP', 'SHIPPED', 100],
    ]);
  }, 240_000);

  it('rolls a variant that regresses the latency guardrail back: 0 %, kill switch, blue active', async () => {
    const { exitCode, output } = await runDemo('rollback');
    const experimentKey = `demo-rollback-${runId}`;
    const flagKey = `${experimentKey}-checkout`;
    if (exitCode !== 0) throw new Error(`demo exited with ${exitCode}:\n${output}\n${platform.logs()}`);
    expect(output).toContain(`OK   ${experimentKey}: expected ROLLBACK, got ROLLBACK`);

    const decisions = await decisionsOf(experimentKey);
    const last = decisions.at(-1);
    expect(last?.decisionId).toBe(`${experimentKey}:${last?.stageIndex}:ROLLBACK`);
    expect(decisions.slice(0, -1).map((d) => d.kind)).toEqual(decisions.slice(0, -1).map(() => 'ADVANCE'));

    const experiment = await api(platform.urls.config, `/v1/experiments/${experimentKey}`);
    expect(experiment).toMatchObject({ rolloutPercentage: 0, status: 'paused' });
    expect(experiment.winner).toBeUndefined();
    expect(await api(platform.urls.config, `/v1/flags/${flagKey}`)).toMatchObject({ enabled: false });
    expect(await evaluateFreshUnit(flagKey)).toBe('blue');

    expect(await deploymentOf(experimentKey)).toMatchObject({
      service: 'checkout-rollback',
      activeColour: 'blue',
      weights: { blue: 100, green: 0 },
      status: 'ROLLED_BACK',
    });
    const rollout = await api<{ status: string; percentage: number; history: Array<{ kind: string; action: string }> }>(
      platform.urls.deployment,
      `/v1/rollouts/${experimentKey}`,
    );
    expect(rollout.status).toBe('rolled_back');
    expect(rollout.percentage).toBe(0);
    expect(rollout.history.at(-1)).toMatchObject({ kind: 'ROLLBACK', action: 'ROLLED_BACK' });
  }, 240_000);

  it('keeps its topics apart from any other platform on the same Kafka', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const topics = await admin.listTopics();
      expect(topics).toEqual(expect.arrayContaining(['config.events', 'exposures', 'events', 'decisions', 'deployments'].map((t) => `${platform.topicPrefix}xp.${t}`)));
    } finally {
      await admin.disconnect();
    }
  });
});
