import { ExperimentSchema, HoldoutSchema, type EvaluateRequest, type EvaluateResponse } from '@xp/contracts';
import { bucketOf, toFlagResult } from '@xp/evaluation';
import { createMetricsRegistry, UnavailableError } from '@xp/platform';
import { ExposurePublisher } from '../exposures/exposure-publisher';
import { ExposureRecorder } from '../exposures/exposure-recorder';
import type { PendingExposure } from '../exposures/pending-exposure';
import { AssignmentMetrics } from '../metrics/assignment-metrics';
import { resolveAssignmentOptions } from '../options/assignment-options';
import { inProduction, RulesetStore } from '../ruleset/ruleset-store';
import type { FlagUsageService } from '../usage/flag-usage.service';
import { booleanFlag, runningExperiment } from '../testing/config-fixtures';
import { EvaluateService } from './evaluate.service';

/** Stands in for the Kafka-backed publisher: records what was offered, can pretend to be full. */
class FakeExposurePublisher {
  offered: PendingExposure[] = [];
  full = false;
  offer(pending: PendingExposure): boolean {
    if (this.full) return false;
    this.offered.push(pending);
    return true;
  }
}

/** The parsed answer the HTTP route sends. */
const evaluate = (service: EvaluateService, request: EvaluateRequest) => JSON.parse(service.evaluateJson(request)) as EvaluateResponse;

function setup() {
  const metrics = new AssignmentMetrics(createMetricsRegistry('assignment-service'));
  const store = new RulesetStore(metrics);
  const publisher = new FakeExposurePublisher();
  const recorder = new ExposureRecorder(resolveAssignmentOptions(), publisher as unknown as ExposurePublisher, metrics);
  const usage = { record: () => undefined, recordResults: () => undefined } as unknown as FlagUsageService;
  const service = new EvaluateService(store, recorder, metrics, usage);
  const byAccount = ExperimentSchema.parse({ ...runningExperiment('by-account', 'account-flag'), unitAttribute: 'accountId' });
  store.publish(inProduction({
    version: 7,
    flags: [booleanFlag('checkout', { experimentKey: 'new-checkout' }), booleanFlag('account-flag', { experimentKey: 'by-account' })],
    segments: [],
    experiments: [runningExperiment('new-checkout', 'checkout'), byAccount],
    holdouts: [],
  }));
  return { store, publisher, service, metrics };
}

describe('EvaluateService', () => {
  it('refuses to evaluate before the ruleset is ready', () => {
    const { service } = setup();
    expect(() => evaluate(service, { unit: 'u' })).toThrow(UnavailableError);
  });

  it('evaluates every flag when none is named and reports the ruleset version', () => {
    const { store, service } = setup();
    store.markReady(() => {
      throw new Error('a ruleset was already published');
    });
    const response = evaluate(service, { unit: 'u1' });
    expect(Object.keys(response.results)).toEqual(['checkout', 'account-flag']);
    expect(response.rulesetVersion).toBe(7);
    expect(response.results['account-flag'].reason).toBe('DEFAULT'); // no accountId attribute: rule skipped
  });

  it('offers one exposure per unit and variant, keyed by the experiment unit attribute when it has one', () => {
    const { store, service, publisher } = setup();
    store.markReady(() => inProduction({ version: 0, flags: [], segments: [], experiments: [], holdouts: [] }));
    const first = evaluate(service, { unit: 'u1', attributes: { accountId: 'acct-9' } });
    evaluate(service, { unit: 'u1', attributes: { accountId: 'acct-9' } });
    expect(publisher.offered.map((p) => p.data)).toEqual([
      { experimentKey: 'new-checkout', flagKey: 'checkout', variant: first.results.checkout.variant, unitId: 'u1', stage: 0, percentage: 100, environment: 'production' },
      {
        experimentKey: 'by-account',
        flagKey: 'account-flag',
        variant: first.results['account-flag'].variant,
        unitId: 'acct-9',
        unitAttribute: 'accountId',
        stage: 0,
        percentage: 100,
        environment: 'production',
      },
    ]);
  });

  it('offers an exposure again after the buffer refused it', () => {
    const { store, service, publisher } = setup();
    store.markReady(() => inProduction({ version: 0, flags: [], segments: [], experiments: [], holdouts: [] }));
    publisher.full = true;
    evaluate(service, { unit: 'u2', flags: ['checkout'] });
    publisher.full = false;
    evaluate(service, { unit: 'u2', flags: ['checkout'] });
    expect(publisher.offered.map((p) => p.data.unitId)).toEqual(['u2']);
  });

  it.each([
    ['every flag, units inside and outside experiments', { unit: 'u3', attributes: { accountId: 'acct-3' } }],
    ['requested, unknown and repeated flags', { unit: 'u4', flags: ['account-flag', 'nope', 'checkout', 'account-flag', 'nope'] }],
  ] as [string, EvaluateRequest][])('serialises %s exactly as JSON.stringify of the object response', (_name, request) => {
    const { store, service } = setup();
    store.markReady(() => inProduction({ version: 0, flags: [], segments: [], experiments: [], holdouts: [] }));
    // The reference: the flag results as objects, through JSON.stringify.
    const snapshot = store.current()!;
    const results = Object.create(null) as Record<string, unknown>;
    for (const r of snapshot.evaluator.evaluate(request.unit, request.attributes, request.flags)) results[r.flagKey] = toFlagResult(r);
    const expected = JSON.stringify({ results, rulesetVersion: snapshot.version });
    expect(service.evaluateJson(request)).toBe(expected);
    // Second call: served from the cached fragments.
    expect(service.evaluateJson(request)).toBe(expected);
  });

  it("logs each unit of a holdout's arms once, as held out or general, when it evaluates a covered flag", () => {
    const { store, service, publisher } = setup();
    const holdout = HoldoutSchema.parse({ key: 'long-term', salt: 'lt', percentage: 20, flagKeys: ['checkout'] });
    store.publish(inProduction({ version: 8, flags: [booleanFlag('checkout'), booleanFlag('other')], segments: [], experiments: [], holdouts: [holdout] }));
    store.markReady(() => inProduction({ version: 0, flags: [], segments: [], experiments: [], holdouts: [] }));
    const units = Array.from({ length: 400 }, (_, i) => `u-${i}`);
    const answers = units.map((unit) => evaluate(service, { unit }).results.checkout);
    for (const unit of units) evaluate(service, { unit, flags: ['checkout'] }); // repeats: deduplicated
    for (const unit of units) evaluate(service, { unit, flags: ['other'] }); // not covered: no exposure
    const expected = units.flatMap((unit) => {
      const bucket = bucketOf('lt', unit);
      const arm = bucket < 2000 ? 'holdout' : bucket < 4000 ? 'general' : null;
      return arm ? [{ experimentKey: 'holdout:long-term', flagKey: 'checkout', variant: arm, unitId: unit, percentage: 20, environment: 'production' }] : [];
    });
    expect(publisher.offered.map((p) => p.data)).toEqual(expected);
    // The held-out arm is exactly the units the evaluator held out.
    const held = units.filter((_, i) => answers[i].holdout === 'long-term');
    expect(held.length).toBeGreaterThan(40);
    expect(expected.filter((e) => e.variant === 'holdout').map((e) => e.unitId)).toEqual(held);
  });
});
