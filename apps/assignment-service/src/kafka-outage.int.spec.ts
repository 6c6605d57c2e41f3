import { randomUUID } from 'node:crypto';
import { ContractProducer, createKafka, ensureRegistryTopics } from '@xp/kafka';
import { readTopic, waitFor } from '@xp/kafka/testing';
import { bootstrapService, loadConfig, type RunningService } from '@xp/platform';
import { logLevel } from 'kafkajs';
import { AppModule } from './app.module';
import { booleanFlag, ConfigEventLog, runningExperiment } from './testing/config-fixtures';
import { PrivateKafka } from './testing/private-kafka';

const SDK_KEY = 'outage-sdk-key';
/** KAFKA_PRODUCE_TIMEOUT_MS for this service; kafkajs alone would take 15-30 s to give up. */
const BOUND_MS = 2000;
// Its own broker (ports above the shared one's), so stopping it disturbs no other test.
const PORT = Number(process.env.KAFKA_PORT ?? 19092) + 100;

describe('assignment-service while Kafka is stopped and after it is back (a broker of its own)', () => {
  const broker = new PrivateKafka('kafka-outage', PORT);
  const kafka = createKafka({ brokers: [broker.brokers], clientId: 'outage-test', logLevel: logLevel.NOTHING });
  const topics = { configEvents: 'outage.config', exposures: 'outage.exposures', events: 'outage.events' };
  const log = new ConfigEventLog();
  let service: RunningService;

  const post = async (path: string, body: unknown) => {
    const started = performance.now();
    const res = await fetch(`${service.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${SDK_KEY}` },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown>, elapsedMs: performance.now() - started };
  };
  const event = (id = randomUUID()) => ({ unit: `u-${id}`, event: 'purchase', value: 1, id });
  const ids = (records: Array<{ value: string | null }>) => records.map((r) => (JSON.parse(r.value ?? '{}') as { id: string }).id);

  beforeAll(async () => {
    await broker.start();
    await ensureRegistryTopics(kafka, topics);
    const producer = new ContractProducer(kafka);
    await producer.connect();
    await producer.send(topics.configEvents, 'config.event', [
      log.event('flag', 'checkout', 'FlagCreated', booleanFlag('checkout', { experimentKey: 'new-checkout' })),
      log.event('experiment', 'new-checkout', 'ExperimentStarted', runningExperiment('new-checkout', 'checkout')),
    ]);
    await producer.disconnect();
    const config = loadConfig('assignment-service', {
      ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', API_KEYS: `sdk:${SDK_KEY}`,
      KAFKA_BROKERS: broker.brokers, KAFKA_PRODUCE_TIMEOUT_MS: String(BOUND_MS),
    });
    service = await bootstrapService(AppModule.forRoot(config, { topics, exposures: { flushIntervalMs: 50 } }), config);
    await waitFor('readiness', async () => (await fetch(`${service.url}/health/ready`)).status === 200, { timeoutMs: 60_000 });
  }, 240_000);

  afterAll(async () => {
    await service?.close();
    await broker.stop();
  }, 120_000);

  it('stores events while Kafka is up (the baseline)', async () => {
    expect((await post('/v1/events', { events: [event()] })).status).toBe(202);
  });

  describe('with Kafka stopped', () => {
    beforeAll(() => broker.stop(), 60_000);

    it('answers POST /v1/events with a retriable 503 once the bound passes, not after kafkajs gives up', async () => {
      const answer = await post('/v1/events', { events: [event()] });
      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({ error: { code: 'events_not_stored', details: { reason: 'kafka_ack_timeout' } } });
      expect(answer.elapsedMs).toBeLessThan(2 * BOUND_MS);
    });

    it('answers POST /v1/evaluate without waiting for Kafka, logging exposures into the buffer', async () => {
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => post('/v1/evaluate', { unit: `outage-unit-${i}`, flags: ['checkout'] })));
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
      expect(answers.every((a) => (a.body.results as Record<string, { experiment?: { inExperiment: boolean } }>).checkout.experiment?.inExperiment)).toBe(true);
      expect(Math.max(...answers.map((a) => a.elapsedMs))).toBeLessThan(BOUND_MS);
      // That these exposures were kept, not lost, is checked after the restart (they reach the topic);
      // the buffer gauge at this instant depends on whether the producer had taken them yet.
    });
  });

  describe('after Kafka is back', () => {
    beforeAll(() => broker.start(), 240_000);

    it('stores events again, and publishes the exposures buffered during the outage', async () => {
      const id = randomUUID();
      await waitFor('POST /v1/events to be acknowledged again', async () => (await post('/v1/events', { events: [event(id)] })).status === 202, {
        timeoutMs: 90_000,
      });
      // The answer was a 202 (acks=all), so the event is on the topic now; read until the reader has seen it.
      await waitFor('the event on the events topic', async () => ids(await readTopic(kafka, topics.events, { count: 1000, timeoutMs: 3000 })).includes(id), {
        timeoutMs: 60_000,
      });
      const exposures = await readTopic(kafka, topics.exposures, { count: 20, timeoutMs: 60_000 });
      const units = new Set(exposures.map((r) => (JSON.parse(r.value ?? '{}') as { data: { unitId: string } }).data.unitId));
      expect([...units].filter((u) => u.startsWith('outage-unit-')).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `outage-unit-${i}`).sort());
    }, 180_000);
  });
});
