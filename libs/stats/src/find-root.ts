/**
 * Bisection for a continuous f with f(lo), f(hi) of opposite signs. Slower than Brent but cannot
 * diverge, and 200 halvings reach the floating-point resolution of any finite bracket.
 */
export function findRoot(f: (x: number) => number, lo: number, hi: number, tolerance = 0): number {
  let fLo = f(lo);
  if (fLo === 0) return lo;
  if (f(hi) === 0) return hi;
  if (Math.sign(fLo) === Math.sign(f(hi))) {
    throw new RangeError(`findRoot: f(${lo}) and f(${hi}) have the same sign`);
  }
  for (let i = 0; i < 200; i += 1) {
    const mid = lo + (hi - lo) / 2;
    if (mid === lo || mid === hi || hi - lo <= tolerance) return mid;
    const fMid = f(mid);
    if (fMid === 0) return mid;
    if (Math.sign(fMid) === Math.sign(fLo)) {
      lo = mid;
      fLo = fMid;
    } else {
      hi = mid;
    }
  }
  return lo + (hi - lo) / 2;
}
