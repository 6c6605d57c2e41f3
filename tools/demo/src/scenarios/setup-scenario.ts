import type { Platform } from '../platform';
import { DEMO_POLICY, LATENCY_MAX_REGRESSION, type ScenarioKeys } from './scenario-spec';

/**
 * Everything a team would set up through the admin API: two metrics, an experiment with a guarded
 * rollout policy, the flag (then its rule handing the traffic to the experiment), the blue/green
 * deployment the rollout drives; then the experiment is started (1 % of units enrolled). `policy` overrides
 * parts of the demo's rollout policy (the soak bench stretches its stages over the run). With
 * `setup: 'one-call'` the flag, experiment, rule and start are one POST /v1/guarded-rollouts.
 */
export async function setupScenario(
  platform: Platform,
  keys: ScenarioKeys,
  advanceOn: 'win' | 'safe',
  policy: Partial<typeof DEMO_POLICY> = {},
  setup: 'one-call' | 'step-by-step' = 'step-by-step',
): Promise<void> {
  const { config, deployment } = platform;
  await config.post('/v1/metrics', { key: keys.conversionMetric, eventName: 'purchase', kind: 'binomial', description: 'Checkout conversion' });
  // Latency per request: Σ latency / Σ requests per variant (a ratio over units), so a release that
  // changes how many requests users make cannot hide a slower page.
  await config.post('/v1/metrics', {
    key: keys.latencyMetric,
    eventName: 'page_latency',
    kind: 'ratio',
    valueProperty: 'value',
    denominator: { eventName: 'page_latency' },
    direction: 'decrease',
    description: 'Checkout page latency per request (ms)',
  });
  const flag = {
    key: keys.flag,
    description: 'New checkout (green) against the current one (blue)',
    valueType: 'string',
    variants: [
      { key: 'blue', value: 'checkout-v1' },
      { key: 'green', value: 'checkout-v2' },
    ],
    offVariant: 'blue',
    enabled: true,
    salt: keys.flag,
  };
  const experiment = {
    key: keys.experiment,
    hypothesis: 'The new checkout converts better without slowing the page down',
    variants: [
      { key: 'blue', weight: 5000, control: true },
      { key: 'green', weight: 5000 },
    ],
    layer: { key: `${keys.experiment}-layer`, start: 0, end: 10_000 },
    primaryMetric: keys.conversionMetric,
    guardrailMetrics: [{ metricKey: keys.latencyMetric, maxRegression: LATENCY_MAX_REGRESSION }],
    rolloutPolicy: { ...DEMO_POLICY, ...policy, advanceOn },
  };
  const record = { experimentKey: keys.experiment, service: keys.service, blueVersion: 'checkout-v1', greenVersion: 'checkout-v2' };
  if (setup === 'one-call') {
    // Started at once; the first decision needs an analysis with enough units, long after the record exists.
    await config.post('/v1/guarded-rollouts', { flag, experiment, comment: 'demo: a guarded rollout in one call' });
    await deployment.post('/v1/deployments', record);
    return;
  }
  // The flag exists before the experiment that drives it; its rule then hands the traffic over.
  await config.post('/v1/flags', flag);
  await config.post('/v1/experiments', { ...experiment, flagKey: keys.flag });
  await config.request('PUT', `/v1/flags/${keys.flag}`, { ...flag, rules: [{ id: 'experiment', experimentKey: keys.experiment }], expectedVersion: 1 });
  await deployment.post('/v1/deployments', record);
  await config.post(`/v1/experiments/${keys.experiment}/start`, { expectedVersion: 1 });
}
