import { silentLogger } from './logger';
import { XpSdkError } from './sdk-error';
import { RejectedItemReport } from './sdk-types';
import { FakeAssignmentServer } from './testing/fake-assignment-server';
import { FakeClock, settle } from './testing/fake-clock';
import { sampleRuleset } from './testing/sample-ruleset';
import { createXpClient, XpClient } from './xp-client';
import { XpClientOptions } from './xp-client-options';

const E2 = '6f1c2a0e-8a51-4c5e-9a7b-2a0d3e4f5a6b';

describe('createXpClient', () => {
  let clock: FakeClock;
  let server: FakeAssignmentServer;
  let client: XpClient;

  function start(options: Partial<XpClientOptions> = {}): XpClient {
    client = createXpClient({
      baseUrl: 'http://xp.test/', sdkKey: 'sdk-key', fetch: server.fetch, clock, random: () => 0.5,
      pollIntervalMs: 1000, reconnectBackoff: { initialMs: 200, maxMs: 5000, jitter: 'full' }, flushIntervalMs: 500, maxBatchSize: 100,
      ...options,
    });
    return client;
  }

  beforeEach(() => {
    clock = new FakeClock();
    server = new FakeAssignmentServer(10, sampleRuleset());
  });

  afterEach(async () => {
    await client?.close();
  });

  it('follows the ruleset of the environment it names, on the poll and the stream', async () => {
    start({ environment: 'staging' });
    await client.ready();
    expect(server.requestsTo('GET', '/v1/ruleset')[0].query).toBe('?environment=staging');
    expect(server.requestsTo('GET', '/v1/ruleset/stream')[0].query).toBe('?environment=staging');
  });

  it('loads the ruleset with the sdk key, then evaluates locally in the /v1/evaluate shape', async () => {
    start();
    await client.ready();
    expect(server.requestsTo('GET', '/v1/ruleset')[0].headers.get('authorization')).toBe('Bearer sdk-key');
    const answer = client.evaluate('user-1', { plan: 'beta' }, ['new-banner', 'page-size', 'missing']);
    expect(answer).toEqual({
      rulesetVersion: 10,
      results: {
        'new-banner': { variant: 'on', value: true, reason: 'TARGETING_MATCH' },
        'page-size': { variant: 'large', value: 50, reason: 'TARGETING_MATCH' },
        missing: { variant: null, value: null, reason: 'ERROR', errorCode: 'FLAG_NOT_FOUND' },
      },
    });
  });

  it('resolves ready() with a timeout once the ruleset arrives, without a late rejection', async () => {
    start();
    await expect(client.ready(5000)).resolves.toBeUndefined();
    await clock.advance(10_000);
    await expect(client.ready(5000)).resolves.toBeUndefined();
  });

  it('evaluates every flag of the ruleset when no flag list is given', async () => {
    start();
    await client.ready();
    expect(Object.keys(client.evaluate('u', {}).results)).toEqual(['new-banner', 'checkout', 'page-size']);
  });

  it('answers PROVIDER_NOT_READY before a ruleset arrived, and ready() with a timeout rejects', async () => {
    server.networkUp = false;
    start();
    expect(client.evaluate('u', {}, ['new-banner']).results['new-banner']).toEqual({
      variant: null, value: null, reason: 'ERROR', errorCode: 'PROVIDER_NOT_READY',
    });
    const ready = client.ready(2000);
    const outcome = ready.then(() => 'ready', (e: XpSdkError) => e.code);
    await clock.advance(2000);
    expect(await outcome).toBe('not_ready');
  });

  it('applies a newer ruleset pushed on the stream, notifies listeners, and ignores an older one', async () => {
    start();
    await client.ready();
    const versions: number[] = [];
    client.onChange((v) => versions.push(v));
    server.publish(11, sampleRuleset({ checkoutEnabled: false }));
    await settle();
    expect(client.rulesetVersion).toBe(11);
    expect(client.evaluate('u', {}, ['checkout']).results.checkout).toEqual({ variant: 'control', value: 'old', reason: 'DISABLED' });
    server.publish(9, sampleRuleset());
    await settle();
    expect(client.rulesetVersion).toBe(11);
    expect(versions).toEqual([11]);
  });

  it('polls with If-None-Match while the stream is down and reconnects with backoff', async () => {
    start();
    await client.ready();
    server.streamUp = false;
    server.dropStreams();
    await settle();
    const streamCalls = () => server.requestsTo('GET', '/v1/ruleset/stream').length;
    expect(streamCalls()).toBe(1);
    await clock.advance(100); // first reconnect: 0.5 * 200 ms
    expect(streamCalls()).toBe(2);
    await clock.advance(199); // second reconnect waits 0.5 * 400 ms
    expect(streamCalls()).toBe(2);
    await clock.advance(1);
    expect(streamCalls()).toBe(3);

    server.publish(12, sampleRuleset({ checkoutEnabled: false }));
    await clock.advance(1000 - 300);
    const polls = server.requestsTo('GET', '/v1/ruleset');
    expect(polls.length).toBe(2);
    expect(polls[1].headers.get('if-none-match')).toBe('"10"');
    expect(client.rulesetVersion).toBe(12);
    await clock.advance(1000);
    expect(server.requestsTo('GET', '/v1/ruleset')[2].headers.get('if-none-match')).toBe('"12"');

    server.streamUp = true;
    await clock.advance(5000);
    expect(server.openStreams).toBe(1);
    const pollsWhenOpen = server.requestsTo('GET', '/v1/ruleset').length;
    await clock.advance(10_000);
    expect(server.requestsTo('GET', '/v1/ruleset').length).toBe(pollsWhenOpen);
  });

  it('treats a stream silent for longer than the idle timeout as dead and reconnects', async () => {
    start({ streamIdleTimeoutMs: 3000 });
    await client.ready();
    await clock.advance(2999);
    expect(server.requestsTo('GET', '/v1/ruleset/stream')).toHaveLength(1);
    await clock.advance(1 + 100);
    expect(server.requestsTo('GET', '/v1/ruleset/stream')).toHaveLength(2);
    expect(server.openStreams).toBe(1);
  });

  it('polls only, without opening a stream, when streaming is off', async () => {
    start({ stream: false });
    await client.ready();
    await clock.advance(3000);
    expect(server.requestsTo('GET', '/v1/ruleset/stream')).toHaveLength(0);
    expect(server.requestsTo('GET', '/v1/ruleset')).toHaveLength(4);
  });

  it('logs one exposure per unit and variant of a running experiment, batched to /v1/exposures', async () => {
    start();
    await client.ready();
    const first = client.evaluate('user-1', {}, ['checkout', 'page-size']).results.checkout;
    client.evaluate('user-1', {}, ['checkout']);
    client.evaluateFlag('checkout', 'user-1', {});
    client.evaluate('user-2', {}, ['checkout']);
    expect(first.experiment).toEqual({ key: 'checkout-exp', variant: first.variant, inExperiment: true });
    await clock.advance(500);
    const posts = server.requestsTo('POST', '/v1/exposures');
    expect(posts).toHaveLength(1);
    const items = (posts[0].body as { exposures: Record<string, unknown>[] }).exposures;
    expect(items.map((i) => i.unit)).toEqual(['user-1', 'user-2']);
    expect(items[0]).toEqual({
      experimentKey: 'checkout-exp', flagKey: 'checkout', variant: first.variant, unit: 'user-1',
      stage: 0, percentage: 100, timestamp: '1970-01-01T00:00:00.000Z', id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it('sends tracked events in batches with an idempotency id and a timestamp', async () => {
    start();
    await clock.advance(1000);
    client.track({ unit: 'user-1', event: 'purchase', value: 12.5, properties: { currency: 'EUR' } });
    client.track({ unit: 'user-2', event: 'signup', timestamp: '2024-05-01T10:00:00Z', id: E2 });
    await client.flush();
    const [post] = server.requestsTo('POST', '/v1/events');
    const events = (post.body as { events: Record<string, unknown>[] }).events;
    expect(events[0]).toEqual({
      unit: 'user-1', event: 'purchase', value: 12.5, properties: { currency: 'EUR' },
      timestamp: '1970-01-01T00:00:01.000Z', id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(events[1]).toEqual({ unit: 'user-2', event: 'signup', timestamp: '2024-05-01T10:00:00Z', id: E2 });
  });

  it('rejects an invalid event at track() with a typed error', () => {
    start();
    expect(() => client.track({ unit: '', event: 'purchase' })).toThrow(expect.objectContaining({ code: 'invalid_event', retriable: false }));
  });

  it("checks events with the service's own item schema: a UUID id and at most 50 properties", () => {
    start();
    const properties = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`p${i}`, i]));
    expect(() => client.track({ unit: 'u', event: 'e', id: 'not-a-uuid' })).toThrow(expect.objectContaining({ code: 'invalid_event', message: expect.stringContaining('id:') }));
    expect(() => client.track({ unit: 'u', event: 'e', properties })).toThrow(expect.objectContaining({ message: expect.stringContaining('at most 50 properties') }));
    expect(() => client.track({ unit: 'u', event: 'e', properties: { p0: 1 }, id: E2 })).not.toThrow();
  });

  it('reports each item a 207 lists as rejected, with its reasons, logs them in one line and counts them', async () => {
    const reports: RejectedItemReport[] = [];
    const warnings: Array<{ message: string; details?: Record<string, unknown> }> = [];
    const logger = { ...silentLogger, warn: (message: string, details?: Record<string, unknown>) => void warnings.push({ message, details }) };
    start({ onRejected: (r) => void reports.push(r), logger });
    const errors = [{ path: 'timestamp', message: '1970-01-01T00:00:00.000Z is older than 8 days' }];
    server.postReply = () => ({ status: 207, body: { accepted: 2, rejected: [{ index: 1, errors }] } });
    client.track({ unit: 'u1', event: 'e' });
    client.track({ unit: 'u2', event: 'e', id: E2 });
    client.track({ unit: 'u3', event: 'e' });
    await client.flush();
    expect(reports).toEqual([{ endpoint: 'events', by: 'server', errors, item: expect.objectContaining({ unit: 'u2', id: E2 }) }]);
    expect(warnings).toEqual([{
      message: 'assignment-service rejected 1 of 3 events; they are not stored',
      details: { rejected: [{ index: 1, id: E2, reasons: 'timestamp: 1970-01-01T00:00:00.000Z is older than 8 days' }] },
    }]);
    expect(client.stats().events).toMatchObject({ sent: 2, rejected: 1, failed: 0 });
    expect(server.requestsTo('POST', '/v1/events')).toHaveLength(1); // refused items are not retried
  });

  it('reports every item of a 400 no_valid_events answer as rejected rather than as a failed batch', async () => {
    const reports: RejectedItemReport[] = [];
    start({ onRejected: (r) => void reports.push(r) });
    const rejected = [0, 1].map((index) => ({ index, errors: [{ path: 'event', message: 'Too big' }] }));
    server.postReply = () => ({ status: 400, body: { error: { code: 'no_valid_events', message: 'None valid', details: { accepted: 0, rejected } } } });
    client.track({ unit: 'u1', event: 'e' });
    client.track({ unit: 'u2', event: 'e' });
    await client.flush();
    expect(reports.map((r) => [r.endpoint, (r.item as { unit: string }).unit, r.errors[0].path])).toEqual([['events', 'u1', 'event'], ['events', 'u2', 'event']]);
    expect(client.stats().events).toMatchObject({ sent: 0, rejected: 2, failed: 0 });
  });

  it('counts a 207 whose body is off the contract as a failed batch, not as stored', async () => {
    start();
    server.postReply = () => ({ status: 207, body: { something: 'else' } });
    client.track({ unit: 'u1', event: 'e' });
    await client.flush();
    expect(client.stats().events).toMatchObject({ sent: 0, failed: 1, rejected: 0 });
  });

  it('drops a batch the service rejects with a 4xx after one attempt, and retries 5xx', async () => {
    start({ maxAttempts: 3 });
    server.postStatus = () => 400;
    client.track({ unit: 'u', event: 'e' });
    await client.flush();
    expect(server.requestsTo('POST', '/v1/events')).toHaveLength(1);
    expect(client.stats().events).toMatchObject({ failed: 1, sent: 0 });

    server.postStatus = () => 503;
    client.track({ unit: 'u', event: 'e' });
    const flushed = client.flush();
    await clock.advance(10_000);
    await flushed;
    expect(server.requestsTo('POST', '/v1/events')).toHaveLength(4);
    expect(client.stats().events).toMatchObject({ failed: 2 });
  });

  it('closes the stream and flushes buffered items on close()', async () => {
    start();
    await client.ready();
    client.track({ unit: 'u', event: 'e' });
    await client.close();
    expect(server.requestsTo('POST', '/v1/events')).toHaveLength(1);
    expect(server.openStreams).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });
});
