import { rolloutDecisionDataSchema } from '@xp/contracts';
import { testExperiment, testMetric } from '../experiments/test-fixtures';
import { computeExperimentResults } from '../results/compute-experiment-results';
import { binomialArm, statisticsOf } from '../testing/arm-statistics';
import { buildDecisionData } from './build-decision-data';

const now = new Date('2025-01-01T02:00:00.000Z');
const experiment = testExperiment({ currentStageIndex: 1, guardrailMetrics: [{ metricKey: 'crashes', maxRegression: 0.1 }] });
const metrics = { purchase: testMetric(), crashes: testMetric({ key: 'crashes', eventName: 'crash', direction: 'decrease' }) };
const results = computeExperimentResults({
  experiment,
  metrics,
  statistics: statisticsOf(
    {
      purchase: { control: binomialArm(1000, 100), treatment: binomialArm(1000, 200) },
      crashes: { control: binomialArm(1000, 0), treatment: binomialArm(1000, 1) },
    },
    { control: 1000, treatment: 1000 },
  ),
  now,
});

describe('buildDecisionData', () => {
  const data = buildDecisionData(experiment, { kind: 'ADVANCE', stageIndex: 1, percentage: 50, nextStageIndex: 2, nextPercentage: 100, reason: 'better' }, results);

  it('builds a valid rollout.decision with a deterministic id and the policy as it was', () => {
    expect(rolloutDecisionDataSchema.parse(data)).toEqual(data);
    expect(data.decisionId).toBe('checkout:1:ADVANCE');
    expect(data.method).toBe('sequential');
    expect(data.policy).toMatchObject({ stages: [10, 50, 100], method: 'sequential' });
  });

  it('gives each estimate the interval and p-value of the same sequence and correction: p < α exactly when the interval excludes 0', () => {
    const purchase = data.evidence.metrics.find((m) => m.metricKey === 'purchase')!;
    const comparison = results.metrics[0].comparisons[0];
    expect(purchase).toMatchObject({
      lift: comparison.relative!.estimate,
      interval: { lower: comparison.relative!.ci[0], upper: comparison.relative!.ci[1] },
      absoluteLift: comparison.absolute!.estimate,
      pValue: comparison.absolute!.pValue,
      level: 0.05,
    });
    expect(purchase.pValue! < 0.05).toBe(purchase.interval!.lower > 0);
    expect(purchase.absoluteInterval!.lower > 0).toBe(purchase.interval!.lower > 0);
  });

  it('keeps a guardrail whose control mean is 0: absolute lift, no relative interval, and what the sequence shows against the tolerance', () => {
    const crashes = data.evidence.metrics.find((m) => m.metricKey === 'crashes')!;
    expect(crashes.lift).toBeUndefined();
    expect(crashes.interval).toBeUndefined();
    expect(crashes).toMatchObject({ guardrail: true, tolerance: 0.1, regression: false, nonInferior: false, absoluteLift: 0.001 });
  });

  it('carries the winner of a SHIP', () => {
    const ship = buildDecisionData(experiment, { kind: 'SHIP', stageIndex: 2, percentage: 100, winner: 'treatment', reason: 'last stage' }, results);
    expect(ship.winner).toBe('treatment');
    expect(rolloutDecisionDataSchema.parse(ship).winner).toBe('treatment');
  });
});
