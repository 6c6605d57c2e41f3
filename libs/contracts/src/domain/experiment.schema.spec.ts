import { canTransition, EXPERIMENT_TRANSITIONS } from './experiment-status';
import { ExperimentInput, ExperimentSchema, experimentRolloutPercentage } from './experiment.schema';
import { MetricSchema } from './metric.schema';

const experiment = (overrides: Partial<ExperimentInput> = {}): ExperimentInput => ({
  key: 'checkout-test',
  flagKey: 'new-checkout',
  hypothesis: 'A one-page checkout converts better',
  variants: [{ key: 'off', weight: 5000, control: true }, { key: 'on', weight: 5000 }],
  layer: { key: 'checkout', start: 0, end: 5000 },
  primaryMetric: 'purchase',
  guardrailMetrics: [{ metricKey: 'latency', maxRegression: 0.05 }],
  ...overrides,
});
const paths = (input: unknown) => {
  const result = ExperimentSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
};

describe('ExperimentSchema', () => {
  it('defaults the rollout policy to stages 1,5,10,25,50,100 and status draft', () => {
    const parsed = ExperimentSchema.parse(experiment());
    expect(parsed.rolloutPolicy.stages).toEqual([1, 5, 10, 25, 50, 100]);
    expect(parsed.status).toBe('draft');
    expect(experimentRolloutPercentage(parsed)).toBe(1);
  });

  it('uses an explicit rollout percentage over the current stage', () => {
    expect(experimentRolloutPercentage(ExperimentSchema.parse(experiment({ currentStageIndex: 2, rolloutPercentage: 33.33 })))).toBe(33.33);
    expect(experimentRolloutPercentage(ExperimentSchema.parse(experiment({ currentStageIndex: 2 })))).toBe(10);
  });

  it('requires exactly one control', () => {
    expect(paths(experiment({ variants: [{ key: 'a', weight: 5000 }, { key: 'b', weight: 5000 }] }))).toEqual(['variants']);
    expect(paths(experiment({ variants: [{ key: 'a', weight: 5000, control: true }, { key: 'b', weight: 5000, control: true }] }))).toEqual(['variants']);
  });

  it('requires weights summing to 10000', () => {
    expect(paths(experiment({ variants: [{ key: 'a', weight: 6000, control: true }, { key: 'b', weight: 5000 }] }))).toEqual(['variants']);
  });

  it('rejects an empty or inverted layer range', () => {
    expect(paths(experiment({ layer: { key: 'l', start: 5000, end: 5000 } }))).toEqual(['layer.end']);
    expect(paths(experiment({ layer: { key: 'l', start: 0, end: 10001 } }))).toEqual(['layer.end']);
  });

  it('rejects non-increasing stages and a stage index past the end', () => {
    expect(paths(experiment({ rolloutPolicy: { stages: [5, 5, 100] } }))).toEqual(['rolloutPolicy.stages.1']);
    expect(paths(experiment({ rolloutPolicy: { stages: [50, 100] }, currentStageIndex: 2 }))).toEqual(['currentStageIndex']);
  });

  it('requires a winner among the variants when concluded, and none while running', () => {
    expect(paths(experiment({ status: 'concluded' }))).toEqual(['winner']);
    expect(paths(experiment({ status: 'concluded', winner: 'nope' }))).toEqual(['winner']);
    expect(paths(experiment({ status: 'running', winner: 'on' }))).toEqual(['winner']);
    expect(paths(experiment({ status: 'concluded', winner: 'on' }))).toEqual([]);
  });

  it('rejects an unknown analysis method', () => {
    expect(paths(experiment({ rolloutPolicy: { method: 'frequentist' as 'fixed' } }))).toEqual(['rolloutPolicy.method']);
  });
});

describe('experiment lifecycle', () => {
  it('allows only draft -> running <-> paused -> concluded -> archived', () => {
    expect(canTransition('draft', 'running')).toBe(true);
    expect(canTransition('running', 'paused')).toBe(true);
    expect(canTransition('paused', 'running')).toBe(true);
    expect(canTransition('paused', 'concluded')).toBe(true);
    expect(canTransition('concluded', 'archived')).toBe(true);
    expect(canTransition('draft', 'concluded')).toBe(false);
    expect(canTransition('archived', 'draft')).toBe(false);
    expect(EXPERIMENT_TRANSITIONS.concluded).toEqual(['archived']);
  });
});

describe('MetricSchema', () => {
  it('requires a value property for sum and mean metrics only', () => {
    expect(MetricSchema.safeParse({ key: 'revenue', eventName: 'purchase', kind: 'sum' }).error?.issues[0].path).toEqual(['valueProperty']);
    expect(MetricSchema.safeParse({ key: 'purchases', eventName: 'purchase', kind: 'binomial' }).success).toBe(true);
  });

  it('rejects a non-positive cap and an unknown kind', () => {
    expect(MetricSchema.safeParse({ key: 'm', eventName: 'e', kind: 'count', cap: 0 }).error?.issues[0].path).toEqual(['cap']);
    expect(MetricSchema.safeParse({ key: 'm', eventName: 'e', kind: 'median' }).error?.issues[0].path).toEqual(['kind']);
  });

  it('requires a denominator for ratio metrics and a quantile for quantile metrics, and only there', () => {
    const paths = (input: object) => MetricSchema.safeParse({ key: 'm', eventName: 'e', ...input }).error?.issues.map((i) => i.path.join('.')) ?? [];
    expect(paths({ kind: 'ratio' })).toEqual(['denominator']);
    expect(paths({ kind: 'ratio', valueProperty: 'ms', denominator: { eventName: 'request' } })).toEqual([]);
    expect(paths({ kind: 'quantile', valueProperty: 'ms' })).toEqual(['quantile']);
    expect(paths({ kind: 'quantile', valueProperty: 'ms', quantile: 0.95 })).toEqual([]);
    expect(paths({ kind: 'count', quantile: 0.5, denominator: { eventName: 'x' } })).toEqual(['denominator', 'quantile']);
  });

  it('caps per-unit values by an absolute value or a percentile, not both, and never a binomial or quantile metric', () => {
    const paths = (input: object) => MetricSchema.safeParse({ key: 'm', eventName: 'e', ...input }).error?.issues.map((i) => i.path.join('.')) ?? [];
    expect(paths({ kind: 'sum', valueProperty: 'v', capPercentile: 0.99, capIgnoreZeros: true })).toEqual([]);
    expect(paths({ kind: 'sum', valueProperty: 'v', cap: 10, capPercentile: 0.99 })).toEqual(['capPercentile']);
    expect(paths({ kind: 'binomial', cap: 1 })).toEqual(['cap']);
    expect(paths({ kind: 'quantile', valueProperty: 'v', quantile: 0.5, capPercentile: 0.9 })).toEqual(['capPercentile']);
    expect(paths({ kind: 'count', capIgnoreZeros: true })).toEqual(['capIgnoreZeros']);
  });
});
