/**
 * Central acceptance region [lo, hi] of Binomial(trials, p) holding at least 1 - tailMass·2 of the
 * probability: counts outside it happen less than tailMass on each side. Exact, via log pmf.
 */
export function binomialBounds(trials: number, p: number, tailMass = 0.0005): [number, number] {
  const logPmf: number[] = [trials * Math.log1p(-p)];
  for (let k = 0; k < trials; k += 1) logPmf.push(logPmf[k] + Math.log((trials - k) / (k + 1)) + Math.log(p / (1 - p)));
  const pmf = logPmf.map(Math.exp);
  let lo = 0;
  for (let below = pmf[0]; below < tailMass; below += pmf[++lo]);
  let hi = trials;
  for (let above = pmf[trials]; above < tailMass; above += pmf[--hi]);
  return [lo, hi];
}
