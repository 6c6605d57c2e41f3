import type { QuantileArmSums } from '@xp/stats';

/**
 * Sufficient statistics of one variant for one metric: y = per-unit metric value (the numerator of
 * a ratio metric), x = its pre-exposure covariate (CUPED).
 */
export interface ArmStatistics {
  /** Units the metric counts: every analysed unit, but for `mean` only units with an event. */
  n: number;
  sum: number;
  sumSquares: number;
  covariateSum: number;
  covariateSumSquares: number;
  sumProducts: number;
  /** Ratio metrics: the per-unit denominator d (and its pre-exposure value dp) with their products. */
  ratio?: RatioTerms;
}

export interface RatioTerms {
  denominatorSum: number;
  denominatorSumSquares: number;
  /** Σ y·d */
  numeratorDenominator: number;
  denominatorCovariateSum: number;
  denominatorCovariateSumSquares: number;
  /** Σ y·dp */
  numeratorDenominatorPre: number;
  /** Σ d·x */
  denominatorNumeratorPre: number;
  /** Σ d·dp */
  denominatorDenominatorPre: number;
  /** Σ x·dp */
  numeratorPreDenominatorPre: number;
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
  /** Quantile metrics: metric key -> variant -> statistics of the event values. */
  quantiles?: Record<string, Record<string, QuantileArmStatistics>>;
}

/** One arm of a quantile metric, as libs/stats summarises it (the level is the metric's). */
export type QuantileArmStatistics = Omit<QuantileArmSums, 'quantile'>;

export const EMPTY_ARM: ArmStatistics = Object.freeze({
  n: 0,
  sum: 0,
  sumSquares: 0,
  covariateSum: 0,
  covariateSumSquares: 0,
  sumProducts: 0,
});
