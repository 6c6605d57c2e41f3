import { ErrorCode, OpenFeature, ProviderEvents } from '@openfeature/server-sdk';
import type { RulesetInput } from '@xp/contracts';
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

describe('XpProvider without targetingKey on the targeting peers rely on', () => {
  const on = [{ variant: 'on', weight: 10000 }];
  const flag = (key: string, rules: unknown[]) => ({ key, valueType: 'boolean', enabled: true, salt: key, offVariant: 'off', variants: [{ key: 'off', value: false }, { key: 'on', value: true }], rules });
  const ruleset = {
    version: 1,
    flags: [
      flag('roles', [{ id: 'r', conditions: [{ attribute: 'roles', operator: 'containsAll', values: ['admin', 'billing'] }, { attribute: 'roles', operator: 'sizeLt', values: [5] }], weights: on }]),
      flag('office', [{ id: 'r', conditions: [{ attribute: 'ip', operator: 'inCidr', values: ['10.0.0.0/8', '2001:db8::/32'] }], weights: on }]),
      flag('plans', [{ id: 'r', conditions: [{ attribute: 'plan', operator: 'strGte', values: ['pro'] }], weights: on }]),
      flag('by-account', [{ id: 'r', hashAttribute: 'accountId', rollout: 100, weights: [{ variant: 'on', weight: 5000 }, { variant: 'off', weight: 5000 }] }]),
      flag('by-unit', [{ id: 'r', rollout: 50, weights: on }]),
    ],
  };
  let server: FakeAssignmentServer;
  let xp: XpClient;

  beforeEach(async () => {
    server = new FakeAssignmentServer(1, ruleset as RulesetInput);
    xp = createXpClient({ baseUrl: 'http://xp.test', sdkKey: 'sdk-key', fetch: server.fetch, clock: new FakeClock() });
    await OpenFeature.setProviderAndWait('xp-no-key', new XpProvider(xp));
  });

  afterEach(async () => {
    await OpenFeature.clearProviders();
    await xp.close();
  });

  const client = () => OpenFeature.getClient('xp-no-key');

  it('evaluates list attributes, CIDR ranges and string ordering without a unit', async () => {
    expect(await client().getBooleanDetails('roles', false, { roles: ['billing', 'admin'] })).toMatchObject({ value: true, reason: 'TARGETING_MATCH' });
    expect(await client().getBooleanDetails('roles', true, { roles: ['admin'] })).toMatchObject({ value: false, reason: 'DEFAULT' });
    expect(await client().getBooleanDetails('office', false, { ip: '2001:db8::7' })).toMatchObject({ value: true, reason: 'TARGETING_MATCH' });
    expect(await client().getBooleanDetails('office', true, { ip: '11.0.0.1' })).toMatchObject({ value: false, reason: 'DEFAULT' });
    expect(await client().getBooleanDetails('plans', false, { plan: 'team' })).toMatchObject({ value: true, reason: 'TARGETING_MATCH' });
  });

  it('buckets on the rule hash attribute without a unit, the same as with any unit', async () => {
    const without = await client().getBooleanDetails('by-account', false, { accountId: 'acct-42' });
    const withUnit = await client().getBooleanDetails('by-account', false, { targetingKey: 'someone', accountId: 'acct-42' });
    expect(without).toMatchObject({ reason: 'SPLIT', value: withUnit.value, variant: withUnit.variant });
    expect(without.errorCode).toBeUndefined();
  });

  it('answers TARGETING_KEY_MISSING only for a rule that buckets the unit', async () => {
    expect(await client().getBooleanDetails('by-unit', true, {})).toMatchObject({ value: true, reason: 'ERROR', errorCode: ErrorCode.TARGETING_KEY_MISSING });
    expect(await client().getBooleanDetails('by-account', true, {})).toMatchObject({ value: false, reason: 'DEFAULT' });
  });
});

