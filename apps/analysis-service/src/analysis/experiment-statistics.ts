/** Sufficient statistics of one variant for one metric: y = per-unit metric value, x = its pre-exposure covariate. */
export interface ArmStatistics {
  n: number;
  sum: number;
  sumSquares: number;
  covariateSum: number;
  covariateSumSquares: number;
  sumProducts: number;
}

export interface VariantUnits {
  /** Units analysed: first exposed to this variant and never seen in another one. */
  units: number;
  /** Units whose first exposure was this variant but who were also seen in another one (left out). */
  excluded: number;
  /** Analysed units first exposed at or after the current stage began. */
  stageUnits: number;
}

/** Everything the results need from ClickHouse for one experiment: small, per variant. */
export interface ExperimentStatistics {
  units: Record<string, VariantUnits>;
  /** metric key -> variant -> statistics. */
  metrics: Record<string, Record<string, ArmStatistics>>;
}

export const EMPTY_ARM: ArmStatistics = Object.freeze({
  n: 0,
  sum: 0,
  sumSquares: 0,
  covariateSum: 0,
  covariateSumSquares: 0,
  sumProducts: 0,
});
