import { sequentialBoundary } from '@xp/stats';
import { EMPTY_ARM, type ArmStatistics } from '../analysis/experiment-statistics';
import { testExperiment, testMetric } from '../experiments/test-fixtures';
import { binomialArm, statisticsOf } from '../testing/arm-statistics';
import { computeExperimentResults } from './compute-experiment-results';

const now = new Date('2025-01-02T00:00:00Z');

const threeArms = testExperiment({
  variants: [
    { key: 'control', weight: 3334, control: true },
    { key: 'a', weight: 3333 },
    { key: 'b', weight: 3333 },
  ],
  secondaryMetrics: ['signup'],
  guardrailMetrics: [{ metricKey: 'errors', maxRegression: 0.05 }],
});
const metrics = {
  purchase: testMetric(),
  signup: testMetric({ key: 'signup', eventName: 'signup' }),
  errors: testMetric({ key: 'errors', eventName: 'error', direction: 'decrease' }),
};

describe('computeExperimentResults', () => {
  const result = computeExperimentResults({
    experiment: threeArms,
    metrics,
    statistics: statisticsOf(
      {
        purchase: { control: binomialArm(1000, 100), a: binomialArm(1000, 130), b: binomialArm(1000, 105) },
        signup: { control: binomialArm(1000, 200), a: binomialArm(1000, 210), b: binomialArm(1000, 260) },
        errors: { control: binomialArm(1000, 50), a: binomialArm(1000, 50), b: binomialArm(1000, 110) },
      },
      { control: 1000, a: 1000, b: 1000 },
      1,
    ),
    now,
  });

  it('compares every treatment to the control with the sequential test, N* from the policy', () => {
    // testExperiment: 3 stages of at least 100 units -> N* = 300.
    expect(result.sequentialTuning).toBe(300);
    expect(result.metrics.map((m) => [m.metricKey, m.comparisons.map((c) => c.variant)])).toEqual([
      ['purchase', ['a', 'b']],
      ['signup', ['a', 'b']],
      ['errors', ['a', 'b']],
    ]);
    expect(result.metrics[0].comparisons[0].treatment.mean).toBe(0.13);
    expect(result.excludedUnits).toBe(3);
  });

  it('sets the level of each family by Bonferroni: primary α/treatments, secondary and guardrails α/(treatments × metrics)', () => {
    expect(result.metrics.map((m) => m.multiplicity)).toEqual([2, 2, 2]);
    const a = result.metrics[0].comparisons[0];
    expect(a.level).toBeCloseTo(0.025, 15);
    // Interval half-width is the sequence's boundary at that level, in standard errors.
    const halfWidth = (a.absolute!.ci[1] - a.absolute!.ci[0]) / 2;
    expect(halfWidth / a.absolute!.se).toBeCloseTo(sequentialBoundary(2000, 0.025, 300), 12);
  });

  it('adjusts p-values with the same correction as the intervals: adjusted p < α exactly when the interval excludes 0', () => {
    for (const c of result.metrics.flatMap((m) => m.comparisons)) {
      const excludes = c.absolute!.ci[0] > 0 || c.absolute!.ci[1] < 0;
      expect(c.absolute!.pValue < 0.05).toBe(excludes);
      expect(c.relative!.pValue).toBe(c.absolute!.pValue);
    }
  });

  it('tests a guardrail against its tolerance in the metric good direction', () => {
    const [a, b] = result.metrics[2].comparisons;
    expect(a.guardrail).toMatchObject({ maxRegression: 0.05, margin: 0.05, regression: false });
    // 5 % -> 11 % errors: more than 5 % worse, shown by the sequence.
    expect(b.guardrail).toMatchObject({ regression: true, nonInferior: false });
    expect(b.relative!.ci[0]).toBeGreaterThan(0.05);
  });

  it('checks the split with the sequential SRM test', () => {
    expect(result.srm).toMatchObject({ method: 'sequential', mismatch: false });
    const skewed = computeExperimentResults({
      experiment: testExperiment(),
      metrics,
      statistics: statisticsOf({ purchase: { control: binomialArm(1000, 100), treatment: binomialArm(1400, 140) } }, { control: 1000, treatment: 1400 }),
      now,
    });
    expect(skewed.srm).toMatchObject({ mismatch: true });
    expect(skewed.srm!.pValue).toBeLessThan(0.001);
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
    const cuped = computeExperimentResults({
      experiment: testExperiment(),
      metrics: { purchase: revenue },
      statistics: statisticsOf({ purchase: { control: arm(0), treatment: arm(0.5) } }, { control: 200, treatment: 200 }),
      now,
    });
    const c = cuped.metrics[0].comparisons[0];
    expect(c.cuped?.varianceReduction).toBeGreaterThan(0.8);
    expect(c.absolute?.estimate).toBeCloseTo(0.5, 10);
  });

  it('has no SRM result before any unit was exposed', () => {
    const empty = computeExperimentResults({ experiment: testExperiment(), metrics, statistics: statisticsOf({ purchase: {} }, {}), now });
    expect(empty.srm).toBeNull();
    expect(empty.unitsPerVariant).toEqual({ control: 0, treatment: 0 });
  });

  it('reports unknown metrics and says "not enough data" for arms too small to compare, instead of failing', () => {
    const small = computeExperimentResults({
      experiment: testExperiment({ secondaryMetrics: ['nowhere'] }),
      metrics,
      statistics: statisticsOf({ purchase: { control: binomialArm(1, 0) } }, { control: 1 }),
      now,
    });
    expect(small.missingMetrics).toEqual(['nowhere']);
    expect(small.metrics[0].comparisons[0].notEnoughData).toContain('at least 2 units');
    expect(small.metrics[0].comparisons[0].absolute).toBeUndefined();
  });

  it('analyses a stored fixed-horizon policy with the sequential test and says so', () => {
    const legacy = testExperiment({ rolloutPolicy: { stages: [10, 50, 100], minUnitsPerStage: 100, minDurationPerStage: 3600, method: 'fixed' } });
    const out = computeExperimentResults({
      experiment: legacy,
      metrics,
      statistics: statisticsOf({ purchase: { control: binomialArm(1000, 100), treatment: binomialArm(1000, 130) } }, { control: 1000, treatment: 1000 }),
      now,
    });
    expect(out.method).toBe('sequential');
    expect(out.notes.join(' ')).toContain("'fixed'");
  });

  it('shows the units the plan needs for the minimum detectable effect, and the power at the planned units', () => {
    const planned = testExperiment({ rolloutPolicy: { stages: [10, 50, 100], minUnitsPerStage: 100, minDurationPerStage: 3600, plannedUnits: 20_000, minimumDetectableEffect: 0.1 } });
    const out = computeExperimentResults({
      experiment: planned,
      metrics,
      statistics: statisticsOf({ purchase: { control: binomialArm(1000, 200), treatment: binomialArm(1000, 200) } }, { control: 1000, treatment: 1000 }),
      now,
    });
    expect(out.sequentialTuning).toBe(20_000);
    expect(out.planning).toMatchObject({ minimumDetectableEffect: 0.1, targetPower: 0.8 });
    expect(out.planning!.unitsNeeded).toBeGreaterThan(10_000);
    expect(out.planning!.powerAtPlannedUnits).toBeGreaterThan(0.5);
  });
});
