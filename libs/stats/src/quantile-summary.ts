import type { ArmSummary } from './arm-summary';
import { normalQuantile } from './distributions';
import { StatsError } from './stats-error';

/** What a quantile of one arm's event values needs, per arm (the SQL computes it in two passes). */
export interface QuantileArmSums {
  /** ν, e.g. 0.95. */
  quantile: number;
  /** Events with a value (N). */
  events: number;
  /** Units with at least one such event (K, the clusters). */
  units: number;
  /** q̂: the empirical ν-quantile of the events. */
  estimate: number;
  /** Empirical quantiles at ν ∓ z·sqrt(ν(1−ν)/N), z = z(0.975): the density at q̂ from their spread. */
  lower: number;
  upper: number;
  /** Per unit: s = its events at or below q̂, c = its events. */
  belowSum: number;
  belowSumSquares: number;
  countSum: number;
  countSumSquares: number;
  belowCountProducts: number;
}

const Z = normalQuantile(0.975);

/** The spread of the order statistics the SQL must compute for ν and N events: ν ∓ this. */
export const quantileRankSpread = (quantile: number, events: number): number => Z * Math.sqrt((quantile * (1 - quantile)) / events);

/**
 * One arm of a quantile metric as a unit-randomised estimate (for the sequential test): the
 * estimate q̂ with Var(q̂) = Var(F̂(q̂)) / f(q̂)², where
 * - Var(F̂) is cluster-robust: F̂ = Σs/Σc is a ratio over units, so its variance is the delta
 *   method over units, (var(s) − 2F cov(s,c) + F² var(c)) / (K c̄²): several events of one unit are
 *   not independent, and the unit is what was randomised;
 * - 1/f(q̂) comes from the order statistics around q̂ (Woodruff): ν ∓ z·sqrt(ν(1−ν)/N) in
 *   probability span [lower, upper] in value.
 * This is gbstats' QuantileClusteredStatistic. Returned as n = K units and a per-unit variance
 * K·Var(q̂), so that variance/n is Var(q̂) as for every other arm.
 */
export function summarizeQuantileArm(sums: QuantileArmSums, arm = 'arm'): ArmSummary {
  const { quantile: nu, events: N, units: K } = sums;
  const tooFew = N <= (Z * Z * nu) / (1 - nu) || N <= (Z * Z * (1 - nu)) / nu;
  if (K < 2 || tooFew) {
    throw new StatsError('INSUFFICIENT_SAMPLE', `${arm} has ${N} events from ${K} units: too few to bracket its ${nu} quantile`, { arm, events: N, units: K });
  }
  if (!(sums.upper > sums.lower)) {
    throw new StatsError('ZERO_VARIANCE', `${arm}'s values around its ${nu} quantile are all equal: the density there cannot be estimated`, { arm });
  }
  const F = sums.belowSum / sums.countSum;
  const meanCount = sums.countSum / K;
  const varS = (sums.belowSumSquares - (sums.belowSum * sums.belowSum) / K) / (K - 1);
  const varC = (sums.countSumSquares - (sums.countSum * sums.countSum) / K) / (K - 1);
  const covSC = (sums.belowCountProducts - (sums.belowSum * sums.countSum) / K) / (K - 1);
  const varF = Math.max(0, varS - 2 * F * covSC + F * F * varC) / (K * meanCount * meanCount);
  const inverseDensity = (sums.upper - sums.lower) / (2 * quantileRankSpread(nu, N));
  // (N − 1)/N as gbstats has it (its iid variance is (N−1)·((upper − lower)/2z)² per event).
  const varianceOfEstimate = (((N - 1) / N) * varF * inverseDensity * inverseDensity);
  return { n: K, mean: sums.estimate, variance: K * varianceOfEstimate };
}
