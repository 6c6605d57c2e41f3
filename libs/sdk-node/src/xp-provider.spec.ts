import { ErrorCode, OpenFeature, ProviderEvents } from '@openfeature/server-sdk';
import { FakeAssignmentServer } from './testing/fake-assignment-server';
import { FakeClock, settle } from './testing/fake-clock';
import { sampleRuleset } from './testing/sample-ruleset';
import { createXpClient, XpClient } from './xp-client';
import { XpProvider } from './xp-provider';

describe('XpProvider', () => {
  let server: FakeAssignmentServer;
  let xp: XpClient;
  let provider: XpProvider;

  beforeEach(async () => {
    server = new FakeAssignmentServer(3, sampleRuleset());
    xp = createXpClient({ baseUrl: 'http://xp.test', sdkKey: 'sdk-key', fetch: server.fetch, clock: new FakeClock() });
    provider = new XpProvider(xp);
    await OpenFeature.setProviderAndWait('xp-spec', provider);
  });

  afterEach(async () => {
    await OpenFeature.clearProviders();
    await xp.close();
  });

  const client = () => OpenFeature.getClient('xp-spec');

  it('resolves a boolean flag with variant, reason and ruleset metadata, the unit being the targetingKey', async () => {
    const details = await client().getBooleanDetails('new-banner', false, { targetingKey: 'u1', plan: 'beta' });
    expect(details).toMatchObject({ value: true, variant: 'on', reason: 'TARGETING_MATCH', flagMetadata: { rulesetVersion: 3, ruleId: 'beta' } });
    expect(details.errorCode).toBeUndefined();
  });

  it('resolves string and number flags and reports the experiment in the flag metadata', async () => {
    const checkout = await client().getStringDetails('checkout', 'fallback', { targetingKey: 'u1' });
    const direct = xp.evaluate('u1', {}, ['checkout']).results.checkout;
    expect(checkout).toMatchObject({ value: direct.value, variant: direct.variant, reason: 'SPLIT' });
    expect(checkout.flagMetadata).toMatchObject({ experimentKey: 'checkout-exp', experimentVariant: direct.variant, inExperiment: true });
    expect(await client().getNumberValue('page-size', 0, { targetingKey: 'u1' })).toBe(50);
  });

  it('returns the default with FLAG_NOT_FOUND for an unknown flag', async () => {
    const details = await client().getBooleanDetails('nope', true, { targetingKey: 'u1' });
    expect(details).toMatchObject({ value: true, reason: 'ERROR', errorCode: ErrorCode.FLAG_NOT_FOUND });
  });

  it('returns the default with TYPE_MISMATCH when the flag has another type', async () => {
    const details = await client().getNumberDetails('new-banner', 7, { targetingKey: 'u1' });
    expect(details).toMatchObject({ value: 7, reason: 'ERROR', errorCode: ErrorCode.TYPE_MISMATCH });
    const object = await client().getObjectDetails('page-size', { a: 1 }, { targetingKey: 'u1' });
    expect(object).toMatchObject({ value: { a: 1 }, errorCode: ErrorCode.TYPE_MISMATCH });
  });

  it('returns the default with TARGETING_KEY_MISSING without a targetingKey when the flag buckets the unit', async () => {
    const details = await client().getStringDetails('checkout', 'fallback', { plan: 'beta' });
    expect(details).toMatchObject({ value: 'fallback', reason: 'ERROR', errorCode: ErrorCode.TARGETING_KEY_MISSING });
  });

  it('resolves flags that bucket nothing without a targetingKey (OpenFeature makes it optional)', async () => {
    const details = await client().getBooleanDetails('new-banner', false, { plan: 'beta' });
    expect(details).toMatchObject({ value: true, variant: 'on', reason: 'TARGETING_MATCH', flagMetadata: { ruleId: 'beta' } });
    expect(details.errorCode).toBeUndefined();
    expect(await client().getNumberValue('page-size', 0, {})).toBe(50);
  });

  it('emits ConfigurationChanged when a new ruleset arrives', async () => {
    const seen: unknown[] = [];
    client().addHandler(ProviderEvents.ConfigurationChanged, (details) => seen.push(details?.metadata));
    server.publish(4, sampleRuleset({ checkoutEnabled: false }));
    await settle();
    expect(seen).toEqual([{ rulesetVersion: 4 }]);
    expect(await client().getStringDetails('checkout', 'x', { targetingKey: 'u1' })).toMatchObject({ value: 'old', reason: 'DISABLED' });
  });

  it('reports PROVIDER_NOT_READY while no ruleset arrived, then becomes ready when one does', async () => {
    const late = new FakeAssignmentServer(1, sampleRuleset());
    late.networkUp = false;
    const clock = new FakeClock();
    const lateClient = createXpClient({ baseUrl: 'http://xp.test', sdkKey: 'sdk-key', fetch: late.fetch, clock, pollIntervalMs: 1000, stream: false });
    const lateProvider = new XpProvider(lateClient, { readyTimeoutMs: 500 });
    const initialized = OpenFeature.setProviderAndWait('xp-late', lateProvider).then(() => 'ready', () => 'error');
    await clock.advance(500);
    expect(await initialized).toBe('error');
    const ofClient = OpenFeature.getClient('xp-late');
    expect(await ofClient.getBooleanDetails('new-banner', false, { targetingKey: 'u1', plan: 'beta' })).toMatchObject({ value: false, reason: 'ERROR', errorCode: 'PROVIDER_NOT_READY' });
    let becameReady = false;
    ofClient.addHandler(ProviderEvents.Ready, () => (becameReady = true));
    late.networkUp = true;
    await clock.advance(1000);
    await settle();
    expect(becameReady).toBe(true);
    expect(await ofClient.getBooleanValue('new-banner', false, { targetingKey: 'u1', plan: 'beta' })).toBe(true);
    await lateClient.close();
  });

  it('forwards track() to the client as a metric event with value and scalar properties', async () => {
    client().track('purchase', { targetingKey: 'u1' }, { value: 9.5, currency: 'EUR', nested: { a: 1 } });
    await xp.flush();
    const [post] = server.requestsTo('POST', '/v1/events');
    expect((post.body as { events: unknown[] }).events).toEqual([
      expect.objectContaining({ unit: 'u1', event: 'purchase', value: 9.5, properties: { currency: 'EUR' } }),
    ]);
  });
});
