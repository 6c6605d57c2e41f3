import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClickHouse, runClickHouseMigrations, type ClickHousePort } from '@xp/clickhouse';
import { makeEnvelope, rolloutDecisionDataSchema, type RolloutDecisionData } from '@xp/contracts';
import { ContractProducer, ensureTopics, followTopic, type TopicFollower } from '@xp/kafka';
import { kafkaForTests, readTopic, uniqueTopic, waitFor } from '@xp/kafka/testing';
import { analysisClickHouseMigrations } from '../clickhouse/migrations';
import { DecisionPublisher } from '../decisions/decision-publisher';
import { ExperimentCatalogue } from '../experiments/experiment-catalogue';
import { applyConfigEvents } from '../experiments/apply-config-events';
import { configEvent, testExperiment, testMetric } from '../experiments/test-fixtures';
import { ResultsStore } from '../results/results-store';
import { AnalysisLoop } from './analysis-loop';
import { AnalysisRunner, type AnalysisLogger } from './analysis-runner';

const HOUR = 3_600_000;
const now = new Date();
const stageStart = new Date(now.getTime() - 48 * HOUR);
const exposedAt = (i: number) => new Date(now.getTime() - 24 * HOUR + i * 1000).toISOString();
const policy = { stages: [10, 50, 100], minUnitsPerStage: 1000, minDurationPerStage: 3600, method: 'sequential' as const };
const silent: AnalysisLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

type Unit = { id: string; variant: string; converts: boolean; latency?: number };

/** Units of one experiment: exposures plus their events one hour after exposure. */
function rows(experimentKey: string, units: Unit[]) {
  const coordinates = (i: number) => ({ kafka_topic: 't', kafka_partition: 0, kafka_offset: i });
  const exposures = units.map((u, i) => ({ id: `${experimentKey}-x${i}`, experiment_key: experimentKey, flag_key: 'flag', variant: u.variant, unit_id: u.id, ts: exposedAt(i), ...coordinates(i) }));
  const later = (i: number) => new Date(Date.parse(exposedAt(i)) + HOUR).toISOString();
  const events = units.flatMap((u, i) => [
    ...(u.converts ? [{ id: `${u.id}-p`, unit_id: u.id, event: 'purchase', value: null, properties: {}, ts: later(i), ...coordinates(i) }] : []),
    ...(u.latency === undefined ? [] : [{ id: `${u.id}-l`, unit_id: u.id, event: 'page_load', value: u.latency, properties: {}, ts: later(i), ...coordinates(i) }]),
  ]);
  return { exposures, events };
}

function arm(prefix: string, variant: string, count: number, convertsEvery: number, latency?: (i: number) => number): Unit[] {
  return Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${variant}-${i}`, variant, converts: i % convertsEvery === 0, latency: latency?.(i) }));
}

// Kafka consumer group joins take seconds.
jest.setTimeout(60_000);

describe('analysis loop on Kafka and ClickHouse', () => {
  const kafka = kafkaForTests('analysis-loop-test');
  const configTopic = uniqueTopic('config');
  const decisionsTopic = uniqueTopic('decisions');
  let dir: string;
  let ch: ClickHousePort;
  let follower: TopicFollower;
  let publisher: DecisionPublisher;
  let loop: AnalysisLoop;
  let deps: ConstructorParameters<typeof AnalysisRunner>[0];
  const srmAlerts: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xp-analysis-loop-'));
    ch = await createClickHouse({ path: dir, database: 'xp' });
    await runClickHouseMigrations(ch, analysisClickHouseMigrations);
    await ensureTopics(kafka, [{ name: configTopic, partitions: 1 }, { name: decisionsTopic, partitions: 3 }], { withDeadLetters: true });

    const latencyGuardrail = [{ metricKey: 'latency', maxRegression: 0.05 }];
    const config = [
      configEvent('metric', testMetric(), { version: 1, eventType: 'MetricCreated' }),
      configEvent('metric', testMetric({ key: 'latency', eventName: 'page_load', kind: 'mean', valueProperty: 'value', direction: 'decrease' }), { version: 1, eventType: 'MetricCreated' }),
      configEvent('experiment', testExperiment({ key: 'win', status: 'draft', rolloutPolicy: policy }), { version: 1, eventType: 'ExperimentCreated' }),
      configEvent('experiment', testExperiment({ key: 'win', rolloutPolicy: policy, guardrailMetrics: latencyGuardrail }), { version: 2, eventType: 'ExperimentStarted' }),
      configEvent('experiment', testExperiment({ key: 'harm', rolloutPolicy: policy, guardrailMetrics: latencyGuardrail }), { version: 1, eventType: 'ExperimentStarted' }),
      configEvent('experiment', testExperiment({ key: 'skewed', rolloutPolicy: policy }), { version: 1, eventType: 'ExperimentStarted' }),
      configEvent('experiment', testExperiment({ key: 'idle', status: 'paused', rolloutPolicy: policy }), { version: 1, eventType: 'ExperimentPaused' }),
    ];
    const producer = new ContractProducer(kafka);
    await producer.connect();
    await producer.send(configTopic, 'config.event', config.map((data) => ({ key: data.streamId, envelope: makeEnvelope('config.event', data, { occurredAt: stageStart }) })));
    await producer.disconnect();

    const steady = (i: number) => 100 + (i % 7);
    const experiments = [
      // Planted effect: 10 % -> 20 % conversion, latency unchanged.
      rows('win', [...arm('win', 'control', 2000, 10, steady), ...arm('win', 'treatment', 2000, 5, steady)]),
      // No effect on purchases, latency 50 % worse (good direction: decrease).
      rows('harm', [...arm('harm', 'control', 2000, 10, steady), ...arm('harm', 'treatment', 2000, 10, (i) => 150 + (i % 7))]),
      // 50/50 weights but 1000 vs 1300 units.
      rows('skewed', [...arm('skewed', 'control', 1000, 10), ...arm('skewed', 'treatment', 1300, 5)]),
    ];
    await ch.insert('exposures_raw', experiments.flatMap((e) => e.exposures));
    await ch.insert('events_raw', experiments.flatMap((e) => e.events));

    const catalogue = new ExperimentCatalogue();
    follower = await followTopic({ kafka, topic: configTopic, messageType: 'config.event', groupPrefix: 'analysis-catalogue', handler: applyConfigEvents(catalogue) });
    publisher = new DecisionPublisher(kafka, decisionsTopic);
    await publisher.start();
    const store = new ResultsStore(ch);
    const settings = { attributionWindowMs: 7 * 24 * HOUR, covariateWindowMs: 7 * 24 * HOUR };
    deps = { catalogue, clickhouse: ch, store, publisher, settings, logger: silent, onSrmAlert: (key) => srmAlerts.push(key) };
    loop = new AnalysisLoop(new AnalysisRunner(deps), { intervalMs: 300, ready: () => follower.caughtUp, logger: silent, now: () => now });
    loop.start();
  });

  afterAll(async () => {
    await loop?.stop();
    await follower?.stop();
    await publisher?.stop();
    await ch?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function decisions(count: number, timeoutMs = 30_000): Promise<RolloutDecisionData[]> {
    const records = await readTopic(kafka, decisionsTopic, { count, timeoutMs });
    return records.map((r) => rolloutDecisionDataSchema.parse(JSON.parse(r.value!).data));
  }

  it('publishes ADVANCE for the planted effect, ROLLBACK for the harmful guardrail and HOLD for the SRM, keyed by experiment', async () => {
    const published = await decisions(3);
    const byKey = Object.fromEntries(published.map((d) => [d.experimentKey, d]));

    expect(published.map((d) => d.decisionId).sort()).toEqual(['harm:0:ROLLBACK', 'skewed:0:HOLD', 'win:0:ADVANCE']);
    expect(byKey.win).toMatchObject({ kind: 'ADVANCE', stageIndex: 0, percentage: 10, nextStageIndex: 1, nextPercentage: 50, method: 'sequential' });
    expect(byKey.win.evidence.unitsPerVariant).toEqual({ control: 2000, treatment: 2000 });
    const purchase = byKey.win.evidence.metrics.find((m) => m.metricKey === 'purchase')!;
    expect(purchase.lift).toBeCloseTo(1, 10); // 20 % vs 10 %
    expect(purchase.interval!.lower).toBeGreaterThan(0);
    expect(purchase.pValue).toBeLessThan(0.05);
    expect(byKey.win.evidence.srmPValue).toBe(1);
    expect(byKey.win.policy).toMatchObject(policy);
    expect(byKey.harm.reason).toContain('latency');
    expect(byKey.harm.evidence.metrics.find((m) => m.guardrail)!.lift).toBeCloseTo(0.5, 1);
    expect(byKey.skewed.evidence.srmPValue).toBeLessThan(0.001);
    expect(srmAlerts).toContain('skewed');
  });

  it('stores result snapshots over time in experiment_results', async () => {
    await waitFor('two snapshots of win', async () => (await new ResultsStore(ch).recent('win', 10)).length >= 2);
    const [latest] = await new ResultsStore(ch).recent('win', 10);

    expect(latest.unitsPerVariant).toEqual({ control: 2000, treatment: 2000 });
    expect(await new ResultsStore(ch).recent('idle', 10)).toEqual([]);
  });

  it('never publishes a decision twice, also after a restart of the publisher', async () => {
    await loop.stop();
    await publisher.stop();
    publisher = new DecisionPublisher(kafka, decisionsTopic);
    await publisher.start();
    const restarted = new AnalysisRunner({ ...deps, publisher });

    // Read back from the topic at start, before any new pass.
    expect(publisher.hasEmitted('win:0:ADVANCE')).toBe(true);

    await restarted.runOnce(now);

    expect((await decisions(4, 3000)).length).toBe(3);
  });
});
