import { testExperiment } from '../experiments/test-fixtures';
import type { ExperimentResults, MetricResult, VariantComparison } from '../results/experiment-results';
import { decideRollout } from './decide-rollout';

const started = new Date('2025-01-01T00:00:00Z');
const later = new Date('2025-01-01T02:00:00Z'); // 2 h: beyond the fixtures' 1 h minimum duration
const experiment = testExperiment(); // stages [10, 50, 100], minUnitsPerStage 100, fixed, alpha 0.05

function comparison(overrides: Partial<VariantComparison> = {}): VariantComparison {
  return {
    variant: 'treatment',
    controlVariant: 'control',
    control: { n: 500, mean: 0.1 },
    treatment: { n: 500, mean: 0.12 },
    absolute: { estimate: 0.02, ci: [0.01, 0.03], se: 0.005, pValue: 0.001 },
    relative: { estimate: 0.2, ci: [0.1, 0.3], se: 0.05, pValue: 0.001 },
    adjustedPValue: 0.002,
    ...overrides,
  };
}

function metric(overrides: Partial<MetricResult> = {}): MetricResult {
  return { metricKey: 'purchase', role: 'primary', kind: 'binomial', direction: 'increase', comparisons: [comparison()], ...overrides };
}

function results(overrides: Partial<ExperimentResults> = {}): ExperimentResults {
  return {
    experimentKey: 'checkout',
    computedAt: later.toISOString(),
    stageIndex: 0,
    percentage: 10,
    stageStartedAt: started.toISOString(),
    stageUnits: 1000,
    method: 'fixed',
    alpha: 0.05,
    adjustment: 'holm',
    unitsPerVariant: { control: 500, treatment: 500 },
    excludedUnits: 0,
    srm: { chiSquare: 0, df: 1, pValue: 1, mismatch: false },
    metrics: [metric()],
    missingMetrics: [],
    ...overrides,
  };
}

const guardrail = (check: { bound: number; regression: boolean }, direction: 'increase' | 'decrease' = 'increase') =>
  metric({
    metricKey: 'latency',
    role: 'guardrail',
    direction,
    comparisons: [comparison({ guardrail: { maxRegression: 0.02, ...check } })],
  });

describe('decideRollout', () => {
  it('advances to the next stage when the primary metric is significantly better and units and time are met', () => {
    const decision = decideRollout({ experiment, results: results(), stageStartedAt: started, now: later });

    expect(decision).toMatchObject({ kind: 'ADVANCE', stageIndex: 0, percentage: 10, nextStageIndex: 1, nextPercentage: 50 });
  });

  it('ships at the last stage', () => {
    const last = testExperiment({ currentStageIndex: 2 });

    const decision = decideRollout({ experiment: last, results: results(), stageStartedAt: started, now: later });

    expect(decision).toMatchObject({ kind: 'SHIP', stageIndex: 2, percentage: 100 });
    expect(decision?.nextStageIndex).toBeUndefined();
  });

  it('holds on a sample ratio mismatch even when the primary metric wins', () => {
    const srm = { chiSquare: 40, df: 1, pValue: 1e-9, mismatch: true };

    const decision = decideRollout({ experiment, results: results({ srm }), stageStartedAt: started, now: later });

    expect(decision?.kind).toBe('HOLD');
    expect(decision?.reason).toContain('sample ratio mismatch');
  });

  it('rolls back when a guardrail regressed beyond its tolerance, before judging the primary', () => {
    const decision = decideRollout({
      experiment,
      results: results({ metrics: [metric(), guardrail({ bound: -0.05, regression: true })] }),
      stageStartedAt: started,
      now: later,
    });

    expect(decision?.kind).toBe('ROLLBACK');
    expect(decision?.reason).toContain('latency');
  });

  it('advances when a guardrail stays within its tolerance', () => {
    const decision = decideRollout({
      experiment,
      results: results({ metrics: [metric(), guardrail({ bound: 0.01, regression: false })] }),
      stageStartedAt: started,
      now: later,
    });

    expect(decision?.kind).toBe('ADVANCE');
  });

  it('takes no decision when the primary metric is not significant after adjustment', () => {
    const notSignificant = metric({ comparisons: [comparison({ adjustedPValue: 0.08 })] });

    expect(decideRollout({ experiment, results: results({ metrics: [notSignificant] }), stageStartedAt: started, now: later })).toBeNull();
  });

  it('takes no decision when the primary metric is significantly worse', () => {
    const worse = metric({ comparisons: [comparison({ relative: { estimate: -0.2, ci: [-0.3, -0.1], se: 0.05, pValue: 0.001 } })] });

    expect(decideRollout({ experiment, results: results({ metrics: [worse] }), stageStartedAt: started, now: later })).toBeNull();
  });

  it('treats a decrease as better for a metric whose good direction is decrease', () => {
    const lower = metric({ direction: 'decrease', comparisons: [comparison({ relative: { estimate: -0.2, ci: [-0.3, -0.1], se: 0.05, pValue: 0.001 } })] });

    expect(decideRollout({ experiment, results: results({ metrics: [lower] }), stageStartedAt: started, now: later })?.kind).toBe('ADVANCE');
  });

  it('waits for the stage minimum units', () => {
    expect(decideRollout({ experiment, results: results({ stageUnits: 99 }), stageStartedAt: started, now: later })).toBeNull();
  });

  it('waits for the stage minimum duration, and when the stage start is unknown', () => {
    const tooEarly = new Date(started.getTime() + 3_599_000);

    expect(decideRollout({ experiment, results: results(), stageStartedAt: started, now: tooEarly })).toBeNull();
    expect(decideRollout({ experiment, results: results(), now: later })).toBeNull();
  });

  it('uses the chance to win in the good direction for the bayesian method', () => {
    const bayesian = testExperiment({ rolloutPolicy: { stages: [10, 50, 100], minUnitsPerStage: 100, minDurationPerStage: 3600, method: 'bayesian' } });
    const confident = metric({ comparisons: [comparison({ adjustedPValue: 0.5, chanceToWin: 0.97 })] });
    const unsure = metric({ comparisons: [comparison({ adjustedPValue: 0.001, chanceToWin: 0.9 })] });

    expect(decideRollout({ experiment: bayesian, results: results({ metrics: [confident] }), stageStartedAt: started, now: later })?.kind).toBe('ADVANCE');
    expect(decideRollout({ experiment: bayesian, results: results({ metrics: [unsure] }), stageStartedAt: started, now: later })).toBeNull();
  });

  it('still advances when the policy requires approval (deployment-service holds it)', () => {
    const gated = testExperiment({ rolloutPolicy: { stages: [10, 50, 100], minUnitsPerStage: 100, minDurationPerStage: 3600, method: 'fixed', requiresApproval: true } });

    expect(decideRollout({ experiment: gated, results: results(), stageStartedAt: started, now: later })?.kind).toBe('ADVANCE');
  });
});
