import type { PlatformState } from './platform-state';
import { formatDecision, formatProgress } from './progress-format';

const state = (overrides: Partial<PlatformState['experiment']> = {}): PlatformState => ({
  experiment: { status: 'running', currentStageIndex: 2, rolloutPolicy: { stages: [1, 5, 10, 100] }, ...overrides },
  flag: { enabled: true },
  results: {
    stageUnits: 52,
    unitsPerVariant: { blue: 130, green: 128 },
    metrics: [
      { metricKey: 'purchase', role: 'primary', comparisons: [{ variant: 'green', relative: { estimate: 2.5, ci: [1.2, 3.8] } }] },
      { metricKey: 'latency', role: 'guardrail', comparisons: [{ variant: 'green', relative: { estimate: 0.6, ci: [0.4, 0.8] }, guardrail: { bound: 0.4, regression: true } }] },
    ],
  },
});

describe('formatProgress', () => {
  it('shows the stage, percentage, units per variant and both lifts with their intervals', () => {
    expect(formatProgress(state())).toBe(
      'stage 3/4  10% | units blue 130 / green 128 (52 new this stage) | conversion lift +250.0% [+120.0%, +380.0%] | latency lift +60.0% [+40.0%, +80.0%] REGRESSION',
    );
  });

  it('shows where a finished rollout ended and says when no analysis exists yet', () => {
    const concluded = formatProgress({ ...state({ status: 'concluded', currentStageIndex: 3, rolloutPercentage: 100 }), results: undefined });
    expect(concluded).toBe('stage 4/4 100% (concluded) | units no analysis yet | conversion lift n/a | latency lift n/a');
  });
});

describe('formatDecision', () => {
  it('names the decision, the move and its id', () => {
    const line = formatDecision({ decisionId: 'exp:1:ADVANCE', kind: 'ADVANCE', action: 'ADVANCED', fromPercentage: 5, toPercentage: 10, reason: 'better' });
    expect(line).toBe('>> ADVANCE (ADVANCED) 5% -> 10% [exp:1:ADVANCE] better');
  });
});
