import { FlagSchema } from '@xp/contracts';
import { ContractProducer, ensureRegistryTopics } from '@xp/kafka';
import { kafkaForTests, readTopic, uniqueTopic, waitFor } from '@xp/kafka/testing';
import { bootstrapService, loadConfig, type RunningService } from '@xp/platform';
import { HTTP_LAYER_CASES, rawHttp } from '@xp/platform/testing';
import type { Kafka } from 'kafkajs';
import { AppModule } from './app.module';
import { booleanFlag, ConfigEventLog, runningExperiment } from './testing/config-fixtures';

const SDK_KEY = 'hostile-sdk-key';
const READER_KEY = 'hostile-reader-key';
const DAY = 86_400_000;

interface HostileCase {
  name: string;
  path: string;
  body?: unknown;
  rawBody?: string;
  key?: string | null;
  status: number;
  code: string;
  /** Index and path of a rejected item the 400 must list (`details.rejected`). */
  rejected?: { index: number; path: string };
  /** A path the 400 must name among `details.issues`. */
  issuePath?: string;
}

const event = (extra: Record<string, unknown> = {}) => ({ unit: 'u-1', event: 'purchase', ...extra });
const exposure = (extra: Record<string, unknown> = {}) => ({ unit: 'u-1', experimentKey: 'new-checkout', flagKey: 'checkout', variant: 'on', ...extra });
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

const cases: HostileCase[] = [
  // Times outside the ingest window: permanent problems of the item, never a 503.
  { name: 'an event in year 10000 (epoch ms)', path: '/v1/events', body: { events: [event({ timestamp: 253_402_300_800_000 })] }, status: 400, code: 'no_valid_events', rejected: { index: 0, path: 'timestamp' } },
  { name: 'an event in year 275760, the largest Date', path: '/v1/events', body: { events: [event({ timestamp: 8_640_000_000_000_000 })] }, status: 400, code: 'no_valid_events', rejected: { index: 0, path: 'timestamp' } },
  { name: 'an event in 2100', path: '/v1/events', body: { events: [event({ timestamp: '2100-01-01T00:00:00Z' })] }, status: 400, code: 'no_valid_events', rejected: { index: 0, path: 'timestamp' } },
  { name: 'an event at epoch 0', path: '/v1/events', body: { events: [event({ timestamp: 0 })] }, status: 400, code: 'no_valid_events', rejected: { index: 0, path: 'timestamp' } },
  { name: 'an event time in seconds instead of milliseconds', path: '/v1/events', body: { events: [event({ timestamp: Math.floor(Date.now() / 1000) })] }, status: 400, code: 'no_valid_events', rejected: { index: 0, path: 'timestamp' } },
  { name: 'an event older than the window', path: '/v1/events', body: { events: [event({ timestamp: ago(9 * DAY) })] }, status: 400, code: 'no_valid_events', rejected: { index: 0, path: 'timestamp' } },
  { name: 'an event ten minutes ahead of the clock', path: '/v1/events', body: { events: [event({ timestamp: ago(-10 * 60_000) })] }, status: 400, code: 'no_valid_events', rejected: { index: 0, path: 'timestamp' } },
  { name: 'an ISO time with a six-digit year', path: '/v1/events', body: { events: [event({ timestamp: '+010000-01-01T00:00:00.000Z' })] }, status: 400, code: 'no_valid_events', rejected: { index: 0, path: 'timestamp' } },
  { name: 'an exposure in 2100', path: '/v1/exposures', body: { exposures: [exposure({ timestamp: '2100-01-01T00:00:00Z' })] }, status: 400, code: 'no_valid_exposures', rejected: { index: 0, path: 'timestamp' } },
  // Bad numbers.
  { name: 'a value of 1e999 (Infinity)', path: '/v1/events', rawBody: '{"events":[{"unit":"u","event":"purchase","value":1e999}]}', status: 400, code: 'no_valid_events', rejected: { index: 0, path: 'value' } },
  { name: 'a value given as text', path: '/v1/events', body: { events: [event({ value: '12.5' })] }, status: 400, code: 'no_valid_events', rejected: { index: 0, path: 'value' } },
  // Exposures the ruleset does not know: analysis would ignore them silently.
  { name: 'an exposure of an unknown experiment', path: '/v1/exposures', body: { exposures: [exposure({ experimentKey: 'no-such-experiment' })] }, status: 400, code: 'no_valid_exposures', rejected: { index: 0, path: 'experimentKey' } },
  { name: 'an exposure of a variant the experiment does not have', path: '/v1/exposures', body: { exposures: [exposure({ variant: 'purple' })] }, status: 400, code: 'no_valid_exposures', rejected: { index: 0, path: 'variant' } },
  { name: "an exposure naming another flag than the experiment's", path: '/v1/exposures', body: { exposures: [exposure({ flagKey: 'banner' })] }, status: 400, code: 'no_valid_exposures', rejected: { index: 0, path: 'flagKey' } },
  // Malformed and oversized bodies.
  { name: 'malformed JSON', path: '/v1/events', rawBody: '{"events": [', status: 400, code: 'malformed_json' },
  { name: 'a batch of 1001 events', path: '/v1/events', body: { events: Array.from({ length: 1001 }, () => event()) }, status: 400, code: 'validation_failed', issuePath: 'events' },
  { name: 'events that are not a list', path: '/v1/events', body: { events: 'purchase' }, status: 400, code: 'validation_failed', issuePath: 'events' },
  { name: 'a body over 1 MB', path: '/v1/events', body: { events: [event({ properties: { note: 'x'.repeat(60_000) } })], pad: Array.from({ length: 20 }, () => 'y'.repeat(60_000)) }, status: 413, code: 'payload_too_large' },
  // Characters and shapes refused before any handler.
  { name: 'a NUL character in a unit id', path: '/v1/events', rawBody: '{"events":[{"unit":"a\\u0000b","event":"purchase"}]}', status: 400, code: 'json_invalid_string', issuePath: 'events.0.unit' },
  { name: 'a control character in a property name', path: '/v1/events', rawBody: '{"events":[{"unit":"u","event":"e","properties":{"p\\u001b[31m":"x"}}]}', status: 400, code: 'json_invalid_key' },
  { name: 'a __proto__ key in properties', path: '/v1/events', rawBody: '{"events":[{"unit":"u","event":"e","properties":{"__proto__":{"admin":true}}}]}', status: 400, code: 'json_forbidden_key', issuePath: 'events.0.properties.__proto__' },
  { name: 'a constructor.prototype key in attributes', path: '/v1/evaluate', rawBody: '{"unit":"u","attributes":{"constructor":{"prototype":{"admin":true}}}}', status: 400, code: 'json_forbidden_key' },
  { name: 'JSON nested 20,000 deep', path: '/v1/evaluate', rawBody: `{"unit":"u","attributes":{"a":${'['.repeat(20_000)}${']'.repeat(20_000)}}}`, status: 400, code: 'json_too_deep' },
  { name: 'an unpaired surrogate in an exposure unit', path: '/v1/exposures', rawBody: '{"exposures":[{"unit":"\\udc00","experimentKey":"new-checkout","flagKey":"checkout","variant":"on"}]}', status: 400, code: 'json_invalid_string' },
  // Evaluate input.
  { name: 'a unit id of 257 characters', path: '/v1/evaluate', body: { unit: 'u'.repeat(257) }, status: 400, code: 'validation_failed', issuePath: 'unit' },
  { name: 'an attribute longer than 4,096 characters', path: '/v1/evaluate', body: { unit: 'u', attributes: { email: 'a'.repeat(4097) } }, status: 400, code: 'validation_failed', issuePath: 'attributes.email' },
  // Wrong roles.
  { name: 'no API key', path: '/v1/events', body: { events: [event()] }, key: null, status: 401, code: 'unauthorized' },
  { name: 'a reader key on ingestion', path: '/v1/exposures', body: { exposures: [exposure()] }, key: READER_KEY, status: 403, code: 'forbidden' },
];

describe('malformed and hostile requests to assignment-service (real Kafka)', () => {
  const kafka: Kafka = kafkaForTests('assignment-hostile');
  const topics = { configEvents: uniqueTopic('hostile-config'), exposures: uniqueTopic('hostile-exposures'), events: uniqueTopic('hostile-events') };
  const log = new ConfigEventLog();
  const producer = new ContractProducer(kafka);
  let service: RunningService;

  const post = async (path: string, options: { body?: unknown; rawBody?: string; key?: string | null } = {}) => {
    const key = options.key === undefined ? SDK_KEY : options.key;
    const res = await fetch(`${service.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: options.rawBody ?? JSON.stringify(options.body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests inspect arbitrary JSON
  };
  /** Records on the topics the service writes: what "stores unchanged" means here. */
  const stored = async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const sum = async (topic: string) => (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high), 0);
      return { exposures: await sum(topics.exposures), events: await sum(topics.events) };
    } finally {
      await admin.disconnect();
    }
  };

  beforeAll(async () => {
    await ensureRegistryTopics(kafka, topics);
    await producer.connect();
    const regexFlag = FlagSchema.parse({
      ...booleanFlag('redos'),
      rules: [{ id: 'catastrophic', conditions: [{ attribute: 'email', operator: 'regex', values: ['(.*a){12}$'] }], weights: [{ variant: 'on', weight: 10_000 }] }],
    });
    await producer.send(topics.configEvents, 'config.event', [
      log.event('flag', 'checkout', 'FlagCreated', booleanFlag('checkout', { experimentKey: 'new-checkout' })),
      log.event('experiment', 'new-checkout', 'ExperimentStarted', runningExperiment('new-checkout', 'checkout')),
      log.event('flag', 'banner', 'FlagCreated', booleanFlag('banner')),
      log.event('flag', 'redos', 'FlagCreated', regexFlag),
    ]);
    const config = loadConfig('assignment-service', {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      API_KEYS: `reader:${READER_KEY},sdk:${SDK_KEY}`,
    });
    service = await bootstrapService(AppModule.forRoot(config, { topics, exposures: { flushIntervalMs: 50 } }), config);
    await waitFor('readiness', async () => (await fetch(`${service.url}/health/ready`)).status === 200);
  }, 60_000);

  afterAll(async () => {
    await service?.close();
    await producer.disconnect();
  }, 30_000);

  it('has at least 25 cases', () => {
    expect(cases.length + HTTP_LAYER_CASES.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cases)('$name -> $status $code, nothing stored', async (c) => {
    const before = await stored();
    const reply = await post(c.path, { body: c.body, rawBody: c.rawBody, key: c.key });
    expect({ status: reply.status, code: reply.body?.error?.code }).toEqual({ status: c.status, code: c.code });
    expect(reply.body.error.message.length).toBeGreaterThan(0);
    if (c.rejected) {
      const rejected = reply.body.error.details.rejected as Array<{ index: number; errors: Array<{ path: string; message: string }> }>;
      expect(rejected.map((r) => [r.index, r.errors.map((e) => e.path)])).toEqual([[c.rejected.index, [c.rejected.path]]]);
      expect(rejected[0].errors[0].message.length).toBeGreaterThan(0);
    }
    if (c.issuePath) expect((reply.body.error.details.issues as Array<{ path: string }>).map((i) => i.path)).toContain(c.issuePath);
    expect(await stored()).toEqual(before);
  });

  it.each(HTTP_LAYER_CASES)('$name -> $status $code from the HTTP layer in the JSON error shape, nothing stored', async ({ request, status, code }) => {
    const before = await stored();
    expect(await rawHttp(service.url, request)).toEqual({ status, body: { error: { code, message: expect.any(String) } } });
    expect(await stored()).toEqual(before);
  });

  it('stores the valid events of a batch with one far-future event and lists the others by index (207)', async () => {
    const before = await stored();
    const reply = await post('/v1/events', {
      body: {
        events: [
          event({ unit: 'mixed-1', timestamp: ago(60_000) }),
          event({ unit: 'mixed-far', timestamp: 253_402_300_800_000 }),
          event({ unit: 'mixed-2' }),
          event({ unit: 'mixed-seconds', timestamp: Math.floor(Date.now() / 1000) }),
        ],
      },
    });
    expect(reply.status).toBe(207);
    expect(reply.body.accepted).toBe(2);
    expect(reply.body.rejected.map((r: { index: number; errors: Array<{ path: string }> }) => [r.index, r.errors[0].path])).toEqual([
      [1, 'timestamp'],
      [3, 'timestamp'],
    ]);
    expect(reply.body.rejected[0].errors[0].message).toContain("ahead of the server's clock");
    expect(reply.body.rejected[1].errors[0].message).toContain('epoch seconds instead of milliseconds');
    expect(await stored()).toEqual({ ...before, events: before.events + 2 });
    const units = (await readTopic(kafka, topics.events, { count: before.events + 2 })).map((r) => r.key);
    expect(units.filter((u) => u?.startsWith('mixed-')).sort()).toEqual(['mixed-1', 'mixed-2']);
  });

  it('stores the exposures the ruleset knows and refuses the others by index (207)', async () => {
    const before = await stored();
    const reply = await post('/v1/exposures', {
      body: { exposures: [exposure({ unit: 'x-1' }), exposure({ experimentKey: 'ghost' }), exposure({ variant: 'purple' }), exposure({ flagKey: 'banner' }), exposure({ unit: 'x-2', variant: 'off' })] },
    });
    expect(reply.status).toBe(207);
    expect(reply.body.accepted).toBe(2);
    expect(reply.body.rejected.map((r: { index: number; errors: Array<{ path: string }> }) => [r.index, r.errors.map((e) => e.path)])).toEqual([
      [1, ['experimentKey']],
      [2, ['variant']],
      [3, ['flagKey']],
    ]);
    expect(await stored()).toEqual({ ...before, exposures: before.exposures + 2 });
  });

  it('accepts an exposure of an experiment created a moment ago, waiting for the ruleset to apply it', async () => {
    // Published and posted at once: the service has not necessarily applied the config events yet.
    await producer.send(topics.configEvents, 'config.event', [
      log.event('flag', 'fresh', 'FlagCreated', booleanFlag('fresh', { experimentKey: 'fresh-exp' })),
      log.event('experiment', 'fresh-exp', 'ExperimentStarted', runningExperiment('fresh-exp', 'fresh')),
    ]);
    const reply = await post('/v1/exposures', { body: { exposures: [exposure({ unit: 'early-bird', experimentKey: 'fresh-exp', flagKey: 'fresh' })] } });
    expect(reply).toEqual({ status: 202, body: { accepted: 1, rejected: [] } });
  });

  it('evaluates a catastrophic-backtracking regex rule against a 4,096-character attribute (answers, no freeze)', async () => {
    const reply = await post('/v1/evaluate', { body: { unit: 'u', attributes: { email: 'a'.repeat(4095) + '!' }, flags: ['redos'] } });
    expect(reply.status).toBe(200);
    expect(reply.body.results.redos).toMatchObject({ variant: 'off', reason: 'DEFAULT' });
  });

  it('stays ready', async () => {
    expect((await fetch(`${service.url}/health/ready`)).status).toBe(200);
  });
});
