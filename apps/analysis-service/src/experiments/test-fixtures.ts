import {
  ExperimentSchema,
  MetricSchema,
  type ConfigEventData,
  type Experiment,
  type ExperimentInput,
  type Metric,
  type MetricInput,
} from '@xp/contracts';

/** Test helpers: valid domain entities and the config events that carry them. */
export function testExperiment(overrides: Partial<ExperimentInput> = {}): Experiment {
  return ExperimentSchema.parse({
    key: 'checkout',
    flagKey: 'checkout-flag',
    variants: [
      { key: 'control', weight: 5000, control: true },
      { key: 'treatment', weight: 5000 },
    ],
    layer: { key: 'main', start: 0, end: 10_000 },
    primaryMetric: 'purchase',
    status: 'running',
    rolloutPolicy: { stages: [10, 50, 100], minUnitsPerStage: 100, minDurationPerStage: 3600, method: 'sequential' },
    ...overrides,
  });
}

export function testMetric(overrides: Partial<MetricInput> = {}): Metric {
  return MetricSchema.parse({ key: 'purchase', eventName: 'purchase', kind: 'binomial', ...overrides });
}

let position = 0;

export function configEvent(
  streamType: 'experiment' | 'metric' | 'holdout',
  state: { key: string } | null,
  options: { key?: string; version: number; eventType: string },
): ConfigEventData {
  const key = state?.key ?? options.key ?? 'unknown';
  position += 1;
  return {
    streamId: `${streamType}:${key}`,
    streamType,
    version: options.version,
    position,
    eventType: options.eventType,
    payload: { state },
  };
}
