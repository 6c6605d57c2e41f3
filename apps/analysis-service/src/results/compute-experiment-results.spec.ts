import { EMPTY_ARM, type ArmStatistics, type ExperimentStatistics } from '../analysis/experiment-statistics';
import { testExperiment, testMetric } from '../experiments/test-fixtures';
import { computeExperimentResults } from './compute-experiment-results';

const now = new Date('2025-01-02T00:00:00Z');

/** Sums of n units of which `ones` have value 1 (no covariate). */
const binomialArm = (n: number, ones: number): ArmStatistics => ({ ...EMPTY_ARM, n, sum: ones, sumSquares: ones });

function statistics(metrics: ExperimentStatistics['metrics'], units: Record<string, number>): ExperimentStatistics {
  return {
    units: Object.fromEntries(Object.entries(units).map(([v, n]) => [v, { units: n, excluded: 1, stageUnits: n - 1 }])),
    metrics,
  };
}

const threeArms = testExperiment({
  variants: [
    { key: 'control', weight: 3334, control: true },
    { key: 'a', weight: 3333 },
    { key: 'b', weight: 3333 },
  ],
  secondaryMetrics: ['signup'],
});
const metrics = { purchase: testMetric(), signup: testMetric({ key: 'signup', eventName: 'signup' }) };

describe('computeExperimentResults', () => {
  it('compares every treatment to the control and Holm-adjusts primary and secondary p-values together', () => {
    const result = computeExperimentResults({
      experiment: threeArms,
      metrics,
      statistics: statistics(
        {
          purchase: { control: binomialArm(1000, 100), a: binomialArm(1000, 130), b: binomialArm(1000, 105) },
          signup: { control: binomialArm(1000, 200), a: binomialArm(1000, 210), b: binomialArm(1000, 260) },
        },
        { control: 1000, a: 1000, b: 1000 },
      ),
      now,
    });

    const comparisons = result.metrics.flatMap((m) => m.comparisons);
    const raw = comparisons.map((c) => c.absolute!.pValue);
    // Holm by hand: sort ascending, multiply the i-th smallest by (m - i), keep it monotone.
    const order = raw.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p);
    const expected: number[] = [];
    let running = 0;
    order.forEach(({ p, i }, rank) => (expected[i] = running = Math.max(running, Math.min(1, (4 - rank) * p))));
    expect(comparisons.map((c) => c.variant)).toEqual(['a', 'b', 'a', 'b']);
    comparisons.forEach((c, i) => expect(c.adjustedPValue).toBeCloseTo(expected[i], 12));
    expect(comparisons[0].treatment.mean).toBe(0.13);
    expect(result.excludedUnits).toBe(3);
    expect(result.stageUnits).toBe(2997);
  });

  it('flags a sample ratio mismatch against the configured weights', () => {
    const experiment = testExperiment();
    const arms = { control: binomialArm(1000, 100), treatment: binomialArm(1200, 120) };

    const result = computeExperimentResults({ experiment, metrics, statistics: statistics({ purchase: arms }, { control: 1000, treatment: 1200 }), now });

    // Pearson by hand: expected 1100 each, (100² + 100²) / 1100.
    expect(result.srm?.chiSquare).toBeCloseTo(20000 / 1100, 10);
    expect(result.srm?.mismatch).toBe(true);
  });

  it('checks a guardrail one-sided with the sequential bound, in the metric good direction', () => {
    const experiment = testExperiment({ guardrailMetrics: [{ metricKey: 'errors', maxRegression: 0.05 }] });
    const errors = testMetric({ key: 'errors', eventName: 'error', direction: 'decrease' });
    const result = computeExperimentResults({
      experiment,
      metrics: { ...metrics, errors },
      statistics: statistics(
        {
          purchase: { control: binomialArm(5000, 500), treatment: binomialArm(5000, 500) },
          errors: { control: binomialArm(5000, 500), treatment: binomialArm(5000, 800) },
        },
        { control: 5000, treatment: 5000 },
      ),
      now,
    });

    const check = result.metrics.find((m) => m.role === 'guardrail')!.comparisons[0].guardrail!;
    expect(check.regression).toBe(true);
    expect(check.bound).toBeGreaterThan(0.05);
    expect(result.metrics.find((m) => m.role === 'guardrail')!.comparisons[0].adjustedPValue).toBeUndefined();
  });

  it('uses CUPED when units have pre-exposure values, reducing the variance of a correlated metric', () => {
    // y = x + noise per unit: the covariate explains most of the variance.
    const arm = (shift: number): ArmStatistics => {
      const s = { ...EMPTY_ARM };
      for (let i = 0; i < 200; i++) {
        const x = i % 10;
        const y = x + shift + ((i * 7) % 3) - 1;
        Object.assign(s, { n: s.n + 1, sum: s.sum + y, sumSquares: s.sumSquares + y * y, covariateSum: s.covariateSum + x, covariateSumSquares: s.covariateSumSquares + x * x, sumProducts: s.sumProducts + x * y });
      }
      return s;
    };
    const revenue = testMetric({ kind: 'sum', valueProperty: 'value' });

    const result = computeExperimentResults({
      experiment: testExperiment(),
      metrics: { purchase: revenue },
      statistics: statistics({ purchase: { control: arm(0), treatment: arm(0.5) } }, { control: 200, treatment: 200 }),
      now,
    });

    const c = result.metrics[0].comparisons[0];
    expect(c.cuped?.varianceReduction).toBeGreaterThan(0.8);
    expect(c.absolute?.estimate).toBeCloseTo(0.5, 10);
  });

  it('has no SRM result before any unit was exposed', () => {
    const result = computeExperimentResults({ experiment: testExperiment(), metrics, statistics: statistics({ purchase: {} }, {}), now });

    expect(result.srm).toBeNull();
    expect(result.unitsPerVariant).toEqual({ control: 0, treatment: 0 });
  });

  it('reports unknown metrics and arms too small to compare instead of failing', () => {
    const experiment = testExperiment({ secondaryMetrics: ['nowhere'] });

    const result = computeExperimentResults({
      experiment,
      metrics,
      statistics: statistics({ purchase: { control: binomialArm(1, 0) } }, { control: 1 }),
      now,
    });

    expect(result.missingMetrics).toEqual(['nowhere']);
    expect(result.metrics[0].comparisons[0].error).toContain('at least 2 units');
    expect(result.unitsPerVariant).toEqual({ control: 1, treatment: 0 });
  });
});
