/** Nearest-rank percentile of sorted values (q in [0, 1]); NaN for none. */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

export interface SeriesSummary {
  first: number;
  max: number;
  last: number;
  /** last minus the value at the middle sample: what the second half of the run added. */
  growthLastHalf: number;
  /** Least-squares slope over the second half of the samples, per minute. */
  slopeLastHalfPerMin: number;
}

/** First / max / last of a series sampled at `atSeconds`, and how it moved over its second half. */
export function summariseSeries(values: readonly number[], atSeconds: readonly number[]): SeriesSummary {
  const n = values.length;
  const mid = Math.floor((n - 1) / 2);
  const xs = atSeconds.slice(mid).map((s) => s / 60);
  const ys = values.slice(mid);
  const meanX = xs.reduce((a, b) => a + b, 0) / xs.length;
  const meanY = ys.reduce((a, b) => a + b, 0) / ys.length;
  const sxx = xs.reduce((a, x) => a + (x - meanX) ** 2, 0);
  const sxy = xs.reduce((a, x, i) => a + (x - meanX) * (ys[i] - meanY), 0);
  return {
    first: values[0],
    max: Math.max(...values),
    last: values[n - 1],
    growthLastHalf: values[n - 1] - values[mid],
    slopeLastHalfPerMin: sxx > 0 ? sxy / sxx : NaN,
  };
}

/** p50 and max of per-sample values (e.g. each sample's event-loop p99). */
export function medianAndMax(values: readonly number[]): { p50: number; max: number } {
  const sorted = Float64Array.from(values.filter((v) => Number.isFinite(v))).sort();
  return { p50: percentile(sorted, 0.5), max: percentile(sorted, 1) };
}
