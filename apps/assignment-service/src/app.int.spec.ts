import { ContractProducer, ensureRegistryTopics } from '@xp/kafka';
import { kafkaForTests, readTopic, uniqueTopic, waitFor } from '@xp/kafka/testing';
import { bootstrapService, loadConfig, type RunningService } from '@xp/platform';
import type { Kafka } from 'kafkajs';
import { AppModule } from './app.module';
import { booleanFlag, ConfigEventLog, runningExperiment } from './testing/config-fixtures';

const SDK_KEY = 'test-sdk-key';
const READER_KEY = 'test-reader-key';

interface EvaluateBody {
  results: Record<string, { variant: string | null; value: unknown; reason: string; errorCode?: string; experiment?: unknown }>;
  rulesetVersion: number;
}

describe('assignment-service on real Kafka', () => {
  const kafka: Kafka = kafkaForTests('assignment-int');
  const topics = { configEvents: uniqueTopic('config'), exposures: uniqueTopic('exposures'), events: uniqueTopic('events') };
  const log = new ConfigEventLog();
  const producer = new ContractProducer(kafka);
  let service: RunningService;
  let closed = false;
  let readyAtBoot: { status: number; body: unknown };
  let evaluateAtBoot: number;

  const post = (path: string, body: unknown, key: string | null = SDK_KEY) =>
    fetch(`${service.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const evaluate = async (body: unknown) => (await (await post('/v1/evaluate', body)).json()) as EvaluateBody;
  const publishConfig = (...records: ReturnType<ConfigEventLog['event']>[]) => producer.send(topics.configEvents, 'config.event', records);

  beforeAll(async () => {
    await ensureRegistryTopics(kafka, topics);
    await producer.connect();
    await publishConfig(
      log.event('flag', 'checkout', 'FlagCreated', booleanFlag('checkout', { experimentKey: 'new-checkout' })),
      log.event('experiment', 'new-checkout', 'ExperimentCreated', { ...runningExperiment('new-checkout', 'checkout'), status: 'draft' }),
      log.event('experiment', 'new-checkout', 'ExperimentStarted', runningExperiment('new-checkout', 'checkout')),
      log.event('flag', 'banner', 'FlagCreated', booleanFlag('banner')),
    );
    const config = loadConfig('assignment-service', {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      API_KEYS: `admin:test-admin-key,reader:${READER_KEY},sdk:${SDK_KEY}`,
    });
    service = await bootstrapService(AppModule.forRoot(config, { topics, exposures: { flushIntervalMs: 50 } }), config);
    // Straight after start-up the replay (topic check, group join, fetch) cannot have finished yet.
    const ready = await fetch(`${service.url}/health/ready`);
    readyAtBoot = { status: ready.status, body: await ready.json() };
    evaluateAtBoot = (await post('/v1/evaluate', { unit: 'early' })).status;
    await waitFor('readiness', async () => (await fetch(`${service.url}/health/ready`)).status === 200);
  }, 60_000);

  afterAll(async () => {
    if (!closed) await service?.close();
    await producer.disconnect();
  }, 30_000);

  it('reports the ruleset as starting (503, saying what it waits for) and refuses evaluations until the replay caught up', () => {
    expect(readyAtBoot.status).toBe(503);
    expect(readyAtBoot.body).toMatchObject({ status: 'unavailable', checks: { ruleset: 'starting' }, waitingFor: { ruleset: expect.any(String) } });
    expect(evaluateAtBoot).toBe(503);
  });

  it('serves the replayed flags, with FLAG_NOT_FOUND for unknown keys', async () => {
    const body = await evaluate({ unit: 'user-1', flags: ['checkout', 'banner', 'no-such-flag'] });
    expect(body.rulesetVersion).toBe(4);
    expect(body.results.banner).toEqual({ variant: 'on', value: true, reason: 'TARGETING_MATCH' });
    expect(body.results.checkout.reason).toBe('SPLIT');
    expect(body.results.checkout.experiment).toEqual({ key: 'new-checkout', variant: body.results.checkout.variant, inExperiment: true });
    expect(body.results['no-such-flag']).toEqual({ variant: null, value: null, reason: 'ERROR', errorCode: 'FLAG_NOT_FOUND' });
  });

  it('publishes one exposure per (experiment, unit, variant) however often the unit is evaluated', async () => {
    const first = await evaluate({ unit: 'exposed-1', flags: ['checkout'] });
    await evaluate({ unit: 'exposed-1', flags: ['checkout'] });
    await evaluate({ unit: 'exposed-2', flags: ['checkout', 'banner'] });
    // user-1 was exposed by the previous test. Ask for one more record than expected: a duplicate would show up within the wait.
    const records = await readTopic(kafka, topics.exposures, { count: 4, timeoutMs: 3000 });
    const exposures = records
      .map((r) => JSON.parse(r.value ?? '') as { type: string; data: Record<string, unknown> })
      .filter((e) => e.data.unitId !== 'user-1');
    expect(exposures.map((e) => e.data.unitId).sort()).toEqual(['exposed-1', 'exposed-2']);
    const mine = exposures.find((e) => e.data.unitId === 'exposed-1');
    expect(mine?.type).toBe('exposure');
    expect(mine?.data).toEqual({
      experimentKey: 'new-checkout',
      flagKey: 'checkout',
      variant: first.results.checkout.variant,
      unitId: 'exposed-1',
      stage: 0,
      percentage: 100,
      environment: 'production',
    });
    expect(records.find((r) => r.value?.includes('"exposed-1"'))?.key).toBe('exposed-1');
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/assignment_exposures_deduplicated_total\{[^}]*\} [1-9]/);
  });

  it('serves a kill switch published after start-up, ignoring repeats and invalid records on the way', async () => {
    const repeat = log.event('flag', 'other', 'FlagCreated', booleanFlag('other'));
    await publishConfig(repeat, repeat);
    const raw = kafka.producer();
    await raw.connect();
    await raw.send({ topic: topics.configEvents, messages: [{ key: 'flag:x', value: '{"not":"an envelope"}' }] });
    await raw.disconnect();
    await publishConfig(log.event('flag', 'checkout', 'FlagKillSwitchChanged', booleanFlag('checkout', { enabled: false, experimentKey: 'new-checkout' })));
    await waitFor('kill switch served', async () => (await evaluate({ unit: 'user-1', flags: ['checkout'] })).results.checkout.reason === 'DISABLED', {
      timeoutMs: 10_000,
    });
    const body = await evaluate({ unit: 'user-1' });
    expect(body.rulesetVersion).toBe(log.lastPosition);
    expect(body.results.checkout).toEqual({ variant: 'off', value: false, reason: 'DISABLED' });
    expect(body.results.other.reason).toBe('TARGETING_MATCH');
    const dlq = await readTopic(kafka, `${topics.configEvents}.dlq`, { count: 1 });
    expect(dlq.map((r) => r.key)).toEqual(['flag:x']);
  });

  it('answers bad evaluate input with a 400 naming each bad field, and checks the API key', async () => {
    const res = await post('/v1/evaluate', { unit: '', attributes: { plan: { nested: true } }, flags: 'checkout' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details: { issues: { path: string }[] } } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.issues.map((i) => i.path).sort()).toEqual(['attributes.plan', 'flags', 'unit']);
    expect((await post('/v1/evaluate', { unit: 'x'.repeat(257) })).status).toBe(400);
    expect((await post('/v1/evaluate', { unit: 'u' }, null)).status).toBe(401);
    expect((await post('/v1/evaluate', { unit: 'u' }, READER_KEY)).status).toBe(403);
  });

  it('stores the valid events of a mixed batch and reports the invalid ones by index (207)', async () => {
    const anHourAgo = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
    const res = await post('/v1/events', {
      events: [
        { unit: 'buyer-1', event: 'purchase', value: 12.5, timestamp: anHourAgo.toISOString(), properties: { plan: 'pro' } },
        { unit: '', event: 'purchase' },
        { unit: 'buyer-2', event: 'signup', timestamp: anHourAgo.getTime() },
        { unit: 'buyer-3', event: 'purchase', value: 'lots' },
      ],
    });
    expect(res.status).toBe(207);
    const body = (await res.json()) as { accepted: number; rejected: { index: number; errors: { path: string }[] }[] };
    expect(body.accepted).toBe(2);
    expect(body.rejected.map((r) => [r.index, r.errors.map((e) => e.path)])).toEqual([
      [1, ['unit']],
      [3, ['value']],
    ]);
    const records = await readTopic(kafka, topics.events, { count: 2 });
    const events = records.map((r) => JSON.parse(r.value ?? '') as { occurredAt: string; data: Record<string, unknown> });
    const byUnit = Object.fromEntries(events.map((e) => [e.data.unitId, e]));
    expect(byUnit['buyer-1'].data).toEqual({ unitId: 'buyer-1', event: 'purchase', value: 12.5, properties: { plan: 'pro' } });
    expect(byUnit['buyer-1'].occurredAt).toBe(anHourAgo.toISOString());
    expect(byUnit['buyer-2'].occurredAt).toBe(anHourAgo.toISOString());
  });

  it('answers 202 when every event is valid and 400 when none is or the body is malformed', async () => {
    const ok = await post('/v1/events', { events: [{ unit: 'u', event: 'click' }] });
    expect(ok.status).toBe(202);
    expect(await ok.json()).toEqual({ accepted: 1, rejected: [] });
    const none = await post('/v1/events', { events: [{ event: 'click' }] });
    expect(none.status).toBe(400);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('no_valid_events');
    expect((await post('/v1/events', { events: [] })).status).toBe(400);
    expect((await post('/v1/events', { events: Array.from({ length: 1001 }, () => ({ unit: 'u', event: 'e' })) })).status).toBe(400);
    expect((await post('/v1/events', '{"events": [')).status).toBe(400);
  });

  it('accepts exposures posted by local-evaluation SDKs item by item', async () => {
    const res = await post('/v1/exposures', {
      exposures: [
        { unitId: 'sdk-unit', experimentKey: 'new-checkout', flagKey: 'checkout', variant: 'on' },
        { unit: 'sdk-unit-2', experimentKey: 'new-checkout', flagKey: 'checkout' },
      ],
    });
    expect(res.status).toBe(207);
    const body = (await res.json()) as { accepted: number; rejected: { index: number; errors: { path: string }[] }[] };
    expect(body.accepted).toBe(1);
    expect(body.rejected).toEqual([{ index: 1, errors: [expect.objectContaining({ path: 'variant' })] }]);
  });

  it('serves the ruleset with its version as ETag and 304 when unchanged', async () => {
    const headers = { authorization: `Bearer ${SDK_KEY}` };
    const res = await fetch(`${service.url}/v1/ruleset`, { headers });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { version: number; ruleset: { version: number; flags: { key: string }[] } };
    expect(body.version).toBe(log.lastPosition);
    expect(body.ruleset.version).toBe(log.lastPosition);
    expect(body.ruleset.flags.map((f) => f.key).sort()).toEqual(['banner', 'checkout', 'other']);
    expect(res.headers.get('etag')).toBe(`"${log.lastPosition}"`);
    const again = await fetch(`${service.url}/v1/ruleset`, { headers: { ...headers, 'if-none-match': `"${log.lastPosition}"` } });
    expect(again.status).toBe(304);
  });

  it('streams the full snapshot on connect and again after each change', async () => {
    const controller = new AbortController();
    const res = await fetch(`${service.url}/v1/ruleset/stream`, { headers: { authorization: `Bearer ${SDK_KEY}` }, signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const nextEvent = async (): Promise<{ version: number; ruleset: { flags: { key: string }[] } }> => {
      for (;;) {
        const end = text.indexOf('\n\n');
        if (end >= 0) {
          const block = text.slice(0, end);
          text = text.slice(end + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (block.includes('event: ruleset') && data) return JSON.parse(data.slice(6));
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        text += decoder.decode(value, { stream: true });
      }
    };
    try {
      expect((await nextEvent()).version).toBe(log.lastPosition);
      await publishConfig(log.event('flag', 'banner', 'FlagArchived', null));
      const changed = await nextEvent();
      expect(changed.version).toBe(log.lastPosition);
      expect(changed.ruleset.flags.map((f) => f.key).sort()).toEqual(['checkout', 'other']);
    } finally {
      controller.abort();
    }
  });

  // Last: it shuts the service down. A stream never goes idle, so without this the server would wait for it.
  it('ends open ruleset streams when the service shuts down', async () => {
    const res = await fetch(`${service.url}/v1/ruleset/stream`, { headers: { authorization: `Bearer ${SDK_KEY}` } });
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('event: ruleset');
    const closing = service.close();
    closed = true;
    let ended = false;
    while (!ended) ended = (await reader.read()).done;
    await closing;
    expect(ended).toBe(true);
  });
});
