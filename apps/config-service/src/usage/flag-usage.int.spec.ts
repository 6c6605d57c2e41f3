import { makeEnvelope, type FlagUsageData } from '@xp/contracts';
import { ContractProducer } from '@xp/kafka';
import { kafkaForTests, readTopic, waitFor } from '@xp/kafka/testing';
import { freePort, ServiceProcess } from '@xp/platform/testing';
import { randomUUID } from 'node:crypto';
import { READER_KEY, startConfigService, type ConfigServiceHarness } from '../testing/config-service-harness';
import { booleanFlag } from '../testing/fixtures';

const SDK_KEY = 'usage-test-sdk-key';
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Flag usage end to end on the real engines: assignment-service (a child process, flushing every 200 ms)
 * counts /v1/evaluate calls and publishes them to xp.flag-usage; config-service consumes them into
 * PostgreSQL and lists them at GET /v1/flag-usage. Both run under a topic prefix of their own.
 */
describe('flag usage: assignment-service → xp.flag-usage → config-service (real Kafka and PostgreSQL)', () => {
  const prefix = `usage-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}.`;
  const topic = `${prefix}xp.flag-usage`;
  const kafka = kafkaForTests('flag-usage-test');
  const producer = new ContractProducer(kafka);
  let config: ConfigServiceHarness;
  let assignment: ServiceProcess;
  let assignmentUrl: string;

  const usageOf = async (query = '') => {
    const reply = await config.request('GET', `/v1/flag-usage${query}`, { key: READER_KEY });
    expect(reply.status).toBe(200);
    return reply.body as { staleAfterDays: number; items: Array<{ flagKey: string; evaluations: number; lastEvaluatedAt: string | null; stale: boolean; environments: Array<{ environment: string; evaluations: number; lastEvaluatedAt: string }> }> };
  };
  const itemOf = async (flagKey: string) => (await usageOf()).items.find((i) => i.flagKey === flagKey);
  const evaluate = async (flag: string) => {
    const res = await fetch(`${assignmentUrl}/v1/evaluate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SDK_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ unit: 'u-1', flags: [flag] }),
    });
    return ((await res.json()) as { results?: Record<string, { errorCode?: string }> }).results?.[flag];
  };
  const usageMessage = (data: FlagUsageData, id = randomUUID()) => ({ key: data.source, envelope: makeEnvelope('flag.usage', data, { id }) });

  beforeAll(async () => {
    // The harness reads the environment: config-service's topics and group get the prefix too.
    process.env.KAFKA_TOPIC_PREFIX = prefix;
    process.env.CONFIG_EVENTS_TOPIC = `${prefix}xp.config.events`;
    config = await startConfigService();
    const port = await freePort();
    assignmentUrl = `http://127.0.0.1:${port}`;
    assignment = new ServiceProcess('assignment-service', 'apps/assignment-service/src/main.ts', [], {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      API_KEYS: `sdk:${SDK_KEY}`,
      KAFKA_TOPIC_PREFIX: prefix,
      FLAG_USAGE_FLUSH_MS: '200',
    });
    await producer.connect();
    await waitFor('config-service ready (its flag usage consumer in its group)', async () => (await config.request('GET', '/health/ready')).status === 200, {
      timeoutMs: 60_000,
      intervalMs: 250,
    });
    await assignment.waitUntilReady(assignmentUrl, 90_000);
  });

  afterAll(async () => {
    await assignment?.stop();
    await producer.disconnect();
    await config?.close();
    delete process.env.KAFKA_TOPIC_PREFIX;
    delete process.env.CONFIG_EVENTS_TOPIC;
  });

  it('counts a flag evaluated through /v1/evaluate, with its environment and last time', async () => {
    expect((await config.request('POST', '/v1/flags', { body: booleanFlag('used', { tags: ['checkout'] }) })).status).toBe(201);
    const before = Date.now();
    // Until assignment-service applied the new flag it answers FLAG_NOT_FOUND, which is not counted.
    await waitFor('assignment-service to serve the new flag', async () => (await evaluate('used'))?.errorCode === undefined, { timeoutMs: 30_000, intervalMs: 100 });
    await evaluate('used');
    await evaluate('used');
    const after = Date.now();

    await waitFor('three evaluations of used in flag_usage', async () => (await itemOf('used'))?.evaluations === 3, { timeoutMs: 30_000, intervalMs: 200 });
    const item = await itemOf('used');
    expect(item).toMatchObject({ flagKey: 'used', evaluations: 3, stale: false, environments: [{ environment: 'production', evaluations: 3 }] });
    const last = Date.parse(item!.lastEvaluatedAt!);
    expect(last).toBeGreaterThanOrEqual(before);
    expect(last).toBeLessThanOrEqual(after);
  });

  it('counts a re-delivered usage message once', async () => {
    expect((await config.request('POST', '/v1/flags', { body: booleanFlag('repeated') })).status).toBe(201);
    const source = `other-instance-${randomUUID()}`;
    const window = { source, windowStart: new Date(Date.now() - 60_000).toISOString(), windowEnd: new Date().toISOString() };
    const message = usageMessage({ ...window, items: [{ flagKey: 'repeated', environment: 'staging', evaluations: 4, lastEvaluatedAt: window.windowEnd }] });
    await producer.send(topic, 'flag.usage', [message]);
    await producer.send(topic, 'flag.usage', [message]);
    // Same source: same partition, so once the marker is counted both copies were consumed.
    const marker = usageMessage({ ...window, items: [{ flagKey: 'marker', environment: 'staging', evaluations: 1, lastEvaluatedAt: window.windowEnd }] });
    await producer.send(topic, 'flag.usage', [marker]);

    await waitFor('the marker counted', async () => (await config.sql(`select 1 from flag_usage where flag_key = 'marker'`)).length === 1, { timeoutMs: 30_000, intervalMs: 200 });
    expect(await config.sql('select flag_key, environment, evaluations from flag_usage where flag_key = $1', ['repeated'])).toEqual([
      { flag_key: 'repeated', environment: 'staging', evaluations: '4' },
    ]);
    expect(await config.sql('select source from flag_usage_processed where message_id = $1', [message.envelope.id])).toEqual([{ source }]);
    // A flag no live flag has ('marker') is kept in the table but not listed.
    expect((await usageOf()).items.map((i) => i.flagKey)).not.toContain('marker');
  });

  it('lists a flag last used 10 days ago with staleAfterDays=7, and not a flag evaluated just now', async () => {
    expect((await config.request('POST', '/v1/flags', { body: booleanFlag('forgotten', { tags: ['legacy'] }) })).status).toBe(201);
    const tenDaysAgo = new Date(Date.now() - 10 * DAY_MS).toISOString();
    const source = `old-instance-${randomUUID()}`;
    await producer.send(topic, 'flag.usage', [
      usageMessage({ source, windowStart: tenDaysAgo, windowEnd: tenDaysAgo, items: [{ flagKey: 'forgotten', environment: 'production', evaluations: 2, lastEvaluatedAt: tenDaysAgo }] }),
    ]);
    await waitFor('forgotten counted', async () => (await itemOf('forgotten'))?.evaluations === 2, { timeoutMs: 30_000, intervalMs: 200 });

    await evaluate('used');
    const stale = await usageOf('?staleAfterDays=7');
    expect(stale.staleAfterDays).toBe(7);
    expect(stale.items.map((i) => i.flagKey)).toContain('forgotten');
    expect(stale.items.map((i) => i.flagKey)).not.toContain('used');
    // Created just now and evaluated in staging only: not stale yet.
    expect(stale.items.map((i) => i.flagKey)).not.toContain('repeated');
    expect(stale.items.find((i) => i.flagKey === 'forgotten')).toMatchObject({ stale: true, lastEvaluatedAt: tenDaysAgo, evaluations: 2 });

    // The environment filter: in staging, 'used' was never evaluated but is new, so not stale either.
    const staging = await usageOf('?environment=staging');
    expect(staging.items.find((i) => i.flagKey === 'repeated')?.evaluations).toBe(4);
    expect(staging.items.find((i) => i.flagKey === 'used')).toMatchObject({ evaluations: 0, environments: [], lastEvaluatedAt: null });
  });

  it('refuses bad parameters with 400 naming them, and asks for a key', async () => {
    for (const query of ['?staleAfterDays=soon', '?staleAfterDays=0', '?environment=Not%20One', '?stale=true']) {
      const reply = await config.request('GET', `/v1/flag-usage${query}`, { key: READER_KEY });
      expect({ query, status: reply.status }).toEqual({ query, status: 400 });
      expect(reply.body.error.details.issues.length).toBeGreaterThan(0);
    }
    expect((await config.request('GET', '/v1/flag-usage', { key: null })).status).toBe(401);
  });

  it('sends a record off the contract to the dead-letter topic and keeps consuming', async () => {
    const raw = kafka.producer();
    await raw.connect();
    await raw.send({ topic, acks: -1, messages: [{ key: 'bad', value: JSON.stringify(makeEnvelope('flag.usage', { source: 'bad', windowStart: 'x', windowEnd: 'y', items: [] } as never)) }] });
    await raw.disconnect();
    const dead = await readTopic(kafka, `${topic}.dlq`, { count: 1, timeoutMs: 30_000 });
    expect(dead).toHaveLength(1);
    expect(dead[0].key).toBe('bad');
  });
});
