import { liftSeries, snapshotsInOrder, unitSeries, verdictOf } from './results-series';
import type { ExperimentResults, MetricResult } from './types';

const snap = (at: string, units: Record<string, number>, lift?: number) =>
  ({
    computedAt: at,
    unitsPerVariant: units,
    metrics: [{ metricKey: 'buy', direction: 'increase', comparisons: lift === undefined ? [] : [{ variant: 'green', relative: { estimate: lift, ci: [lift - 0.1, lift + 0.1], se: 0.05, pValue: 0.5 } }] }],
  }) as unknown as ExperimentResults;

describe('results series', () => {
  const latest = snap('2026-01-01T00:00:20Z', { blue: 30, green: 10 }, 0.3);
  const history = [snap('2026-01-01T00:00:10Z', { blue: 10, green: 10 }, 0.2), snap('2026-01-01T00:00:00Z', { blue: 1, green: 1 })];
  const ordered = snapshotsInOrder(latest, history);

  it('orders snapshots oldest first and takes the lift with its interval where there is one', () => {
    expect(ordered.map((s) => s.computedAt.slice(17, 19))).toEqual(['00', '10', '20']);
    expect(liftSeries(ordered, 'buy', 'green').map((p) => [p.y, p.lower])).toEqual([[0.2, 0.1], [0.3, 0.19999999999999998]]);
  });

  it('puts the expected units of the configured split beside the actual ones', () => {
    const { actual, expected } = unitSeries(ordered, { blue: 5000, green: 5000 });
    expect(actual.blue.map((p) => p.y)).toEqual([1, 10, 30]);
    expect(expected.green.map((p) => p.y)).toEqual([1, 10, 20]);
  });

  it('judges an interval by the metric direction', () => {
    expect(verdictOf({ direction: 'increase' } as MetricResult, 0.1, 0.2)).toBe('good');
    expect(verdictOf({ direction: 'decrease' } as MetricResult, 0.1, 0.2)).toBe('bad');
    expect(verdictOf({ direction: 'decrease' } as MetricResult, -0.1, 0.2)).toBe('unclear');
  });
});
