import { rolloutDecisionDataSchema } from '@xp/contracts';
import { testExperiment } from '../experiments/test-fixtures';
import type { ExperimentResults } from '../results/experiment-results';
import { buildDecisionData } from './build-decision-data';

const results: ExperimentResults = {
  experimentKey: 'checkout',
  computedAt: '2025-01-01T02:00:00.000Z',
  stageIndex: 1,
  percentage: 50,
  stageStartedAt: '2025-01-01T00:00:00.000Z',
  stageUnits: 900,
  method: 'fixed',
  alpha: 0.05,
  adjustment: 'holm',
  unitsPerVariant: { control: 510, treatment: 490 },
  excludedUnits: 2,
  srm: { chiSquare: 0.4, df: 1, pValue: 0.527, mismatch: false },
  metrics: [
    {
      metricKey: 'purchase',
      role: 'primary',
      kind: 'binomial',
      direction: 'increase',
      comparisons: [
        {
          variant: 'treatment',
          controlVariant: 'control',
          control: { n: 510, mean: 0.1 },
          treatment: { n: 490, mean: 0.13 },
          absolute: { estimate: 0.03, ci: [0.01, 0.05], se: 0.01, pValue: 0.004 },
          relative: { estimate: 0.3, ci: [0.1, 0.5], se: 0.1, pValue: 0.006 },
          adjustedPValue: 0.008,
        },
      ],
    },
    {
      metricKey: 'latency',
      role: 'guardrail',
      kind: 'mean',
      direction: 'decrease',
      comparisons: [
        { variant: 'treatment', controlVariant: 'control', control: { n: 1, mean: 0 }, treatment: { n: 1, mean: 0 }, error: 'too few units' },
      ],
    },
  ],
  missingMetrics: [],
};

describe('buildDecisionData', () => {
  it('builds a valid rollout.decision with a deterministic id and the evidence', () => {
    const experiment = testExperiment({ currentStageIndex: 1 });

    const data = buildDecisionData(experiment, { kind: 'ADVANCE', stageIndex: 1, percentage: 50, nextStageIndex: 2, nextPercentage: 100, reason: 'better' }, results);

    expect(rolloutDecisionDataSchema.parse(data)).toEqual(data);
    expect(data.decisionId).toBe('checkout:1:ADVANCE');
    expect(data.evidence).toEqual({
      unitsPerVariant: { control: 510, treatment: 490 },
      metrics: [{ metricKey: 'purchase', variant: 'treatment', controlVariant: 'control', lift: 0.3, interval: { lower: 0.1, upper: 0.5 }, pValue: 0.008 }],
      srmPValue: 0.527,
    });
    expect(data.policy).toMatchObject({ stages: [10, 50, 100], method: 'fixed' });
  });
});
