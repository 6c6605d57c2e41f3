import { fixedTest } from './fixed-test';
import { quantileRankSpread, summarizeQuantileArm, type QuantileArmSums } from './quantile-summary';
import { binomialBounds } from './testing/binomial-bounds';
import { expectClose } from './testing/expect-close';
import { expectedQuantile } from './testing/expected-values';
import { seededNormal } from './testing/seeded-normal';
import { normalQuantile } from './distributions';

/** What the SQL computes for one arm, from events grouped by unit (same rules as quantile-statistics.sql.ts). */
function sumsOf(units: number[][], quantile: number): QuantileArmSums {
  const values = units.flat().sort((a, b) => a - b);
  const n = values.length;
  const spread = quantileRankSpread(quantile, n);
  const at = (rank: number) => values[Math.max(1, Math.min(n, rank)) - 1];
  const estimate = at(Math.ceil(quantile * n));
  const s = units.map((u) => u.filter((v) => v <= estimate).length);
  const c = units.map((u) => u.length);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    quantile, events: n, units: units.length, estimate, lower: at(Math.floor((quantile - spread) * n)), upper: at(Math.ceil((quantile + spread) * n)),
    belowSum: sum(s), belowSumSquares: sum(s.map((x) => x * x)), countSum: sum(c), countSumSquares: sum(c.map((x) => x * x)), belowCountProducts: sum(s.map((x, i) => x * c[i])),
  };
}

describe('quantile metrics', () => {
  it.each(expectedQuantile.map((c, i) => [i, c] as const))("case %i: Var(q̂) equals gbstats' QuantileClusteredStatistic", (_i, { input, expected }) => {
    const summary = summarizeQuantileArm(input);
    expectClose(summary.variance / summary.n, expected.varianceOfEstimate, 1e-9, 'Var(q̂)');
  });

  it('refuses too few events to bracket the quantile and values too discrete to estimate the density', () => {
    const base = expectedQuantile[0].input;
    expect(() => summarizeQuantileArm({ ...base, events: 30 })).toThrow(expect.objectContaining({ code: 'INSUFFICIENT_SAMPLE' }));
    expect(() => summarizeQuantileArm({ ...base, lower: 5, upper: 5 })).toThrow(expect.objectContaining({ code: 'ZERO_VARIANCE' }));
  });

  it('covers the true difference of p90s at the stated level with many correlated events per unit (simulated)', () => {
    // Each unit has its own latency level (lognormal) and 1-20 requests around it: events of one
    // unit are correlated, so an interval that treated events as independent would under-cover.
    const draw = seededNormal(5);
    const unitEvents = (n: number, shift: number) =>
      Array.from({ length: n }, () => {
        const level = Math.exp(5 + 0.6 * draw());
        const count = 1 + Math.floor(20 * Math.abs(draw()) / 2.5);
        return Array.from({ length: count }, () => level * Math.exp(0.2 * draw()) * shift);
      });
    // True p90 of the treatment/control ratio is the shift (a scale change): relative lift = shift - 1.
    const runs = 400;
    const alpha = 0.1;
    let covered = 0;
    let coveredNaive = 0;
    for (let r = 0; r < runs; r += 1) {
      const c = sumsOf(unitEvents(400, 1), 0.9);
      const t = sumsOf(unitEvents(400, 1.1), 0.9);
      // The variance is what is under test: a fixed-horizon interval at 1 - α must cover 1 - α of the time.
      const result = fixedTest(summarizeQuantileArm(c), summarizeQuantileArm(t), { alpha });
      if (result.relative && result.relative.ci[0] <= 0.1 && 0.1 <= result.relative.ci[1]) covered += 1;
      // The same interval with the iid variance ((upper - lower)/2z)² per event misses more often.
      const z = normalQuantile(0.975);
      const naive = (s: QuantileArmSums) => ((s.upper - s.lower) / (2 * z)) ** 2;
      const se = Math.sqrt(naive(c) + naive(t));
      const estimate = t.estimate / c.estimate - 1;
      const zq = normalQuantile(1 - alpha / 2) / c.estimate;
      if (Math.abs(estimate - 0.1) <= zq * se) coveredNaive += 1;
    }
    const [lo, hi] = binomialBounds(runs, 1 - alpha);
    expect(covered).toBeGreaterThanOrEqual(lo);
    expect(covered).toBeLessThanOrEqual(hi);
    expect(coveredNaive).toBeLessThan(lo);
  });
});
