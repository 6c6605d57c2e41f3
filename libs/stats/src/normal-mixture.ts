import { findRoot } from './find-root';

/**
 * The asymptotic confidence sequence of Waudby-Smith et al. (2023, eq. 9; ρ from eq. 161), as
 * GrowthBook computes it, written in z units: an estimate with standard error se is covered at
 * level α, at every sample size at once, by ±z·se with z = sequentialBoundary(N, α, N*).
 * It is Robbins' normal-mixture boundary whose mixing variance makes it tightest at N = N*.
 */
export function sequentialBoundary(totalUnits: number, alpha: number, tuning: number): number {
  return boundaryAtLogAlpha(totalUnits, Math.log(alpha), tuning);
}

// Works on ln α directly: near α = 1, ln(α) and ln(1 + 2|ln α|) lose their digits in doubles.
function boundaryAtLogAlpha(totalUnits: number, logAlpha: number, tuning: number): number {
  const n = totalUnits;
  // At α → 1 the sequence tends to sqrt(1 + N*/(2n)) standard errors, not 0.
  if (logAlpha >= 0) return Math.sqrt(1 + tuning / (2 * n));
  const minusTwoLogAlpha = -2 * logAlpha;
  const rho2 = (minusTwoLogAlpha + Math.log1p(minusTwoLogAlpha)) / tuning;
  const nRho2 = n * rho2;
  return Math.sqrt(((2 * (nRho2 + 1)) / nRho2) * (0.5 * Math.log1p(nRho2) - logAlpha));
}

// ln of the smallest positive double: the p-value floor.
const MIN_LOG_ALPHA = -745;

/**
 * Always-valid p-value of a z statistic: the smallest α whose sequence excludes 0 (the boundary
 * shrinks as α grows, so p ≤ α exactly when |z| is beyond the boundary at α). 1 when no α < 1 does.
 */
export function sequentialZPValue(z: number, totalUnits: number, tuning: number): number {
  const distance = Math.abs(z);
  const gap = (logAlpha: number) => boundaryAtLogAlpha(totalUnits, logAlpha, tuning) - distance;
  if (gap(0) >= 0) return 1;
  if (gap(MIN_LOG_ALPHA) <= 0) return 0;
  return Math.exp(findRoot(gap, MIN_LOG_ALPHA, 0, 1e-14));
}
