import type { ArmStatistics, ExperimentStatistics } from '../analysis/experiment-statistics';

/** Sufficient statistics of per-unit values (and optional pre-exposure covariates), as the SQL returns them. */
export function armFromUnits(values: readonly number[], covariates: readonly number[] = []): ArmStatistics {
  const x = (i: number) => covariates[i] ?? 0;
  return {
    n: values.length,
    sum: values.reduce((a, v) => a + v, 0),
    sumSquares: values.reduce((a, v) => a + v * v, 0),
    covariateSum: values.reduce((a, _v, i) => a + x(i), 0),
    covariateSumSquares: values.reduce((a, _v, i) => a + x(i) * x(i), 0),
    sumProducts: values.reduce((a, v, i) => a + v * x(i), 0),
  };
}

/** n units of which `ones` converted: a binomial arm without covariate. */
export const binomialArm = (n: number, ones: number): ArmStatistics => ({
  n,
  sum: ones,
  sumSquares: ones,
  covariateSum: 0,
  covariateSumSquares: 0,
  sumProducts: 0,
});

/** A ratio arm from per-unit numerators and denominators (no pre-exposure period). */
export function ratioArmFromUnits(numerators: readonly number[], denominators: readonly number[]): ArmStatistics {
  const arm = armFromUnits(numerators);
  const sum = (f: (i: number) => number) => numerators.reduce((a, _v, i) => a + f(i), 0);
  return {
    ...arm,
    ratio: {
      denominatorSum: sum((i) => denominators[i]),
      denominatorSumSquares: sum((i) => denominators[i] * denominators[i]),
      numeratorDenominator: sum((i) => numerators[i] * denominators[i]),
      denominatorCovariateSum: 0,
      denominatorCovariateSumSquares: 0,
      numeratorDenominatorPre: 0,
      denominatorNumeratorPre: 0,
      denominatorDenominatorPre: 0,
      numeratorPreDenominatorPre: 0,
    },
  };
}

/** ExperimentStatistics with `units` analysed units per variant, all first exposed in the current stage. */
export function statisticsOf(metrics: ExperimentStatistics['metrics'], units: Record<string, number>, excluded = 0): ExperimentStatistics {
  return {
    units: Object.fromEntries(Object.entries(units).map(([v, n]) => [v, { units: n, excluded, stageUnits: n }])),
    metrics,
  };
}
