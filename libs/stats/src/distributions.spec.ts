import {
  chiSquareCdf,
  chiSquareQuantile,
  normalCdf,
  normalPdf,
  normalQuantile,
  tCdf,
  tQuantile,
  tSurvival,
} from './distributions';
import { expectClose } from './testing/expect-close';
import { expectedDistributions as d } from './testing/expected-values';

describe('distribution functions agree with scipy to 1e-10', () => {
  it('normal cdf, pdf and quantile', () => {
    for (const [x, p] of d.normalCdf) expectClose(normalCdf(x), p, 1e-10, `Φ(${x})`);
    for (const [x, f] of d.normalPdf) expectClose(normalPdf(x), f, 1e-10, `φ(${x})`);
    for (const [p, x] of d.normalQuantile) expectClose(normalQuantile(p), x, 1e-10, `Φ⁻¹(${p})`);
  });

  it('Student t cdf and quantile, including non-integer degrees of freedom', () => {
    for (const [x, df, p] of d.tCdf) expectClose(tCdf(x, df), p, 1e-10, `T(${x}; ${df})`);
    for (const [p, df, x] of d.tQuantile) expectClose(tQuantile(p, df), x, 1e-10, `T⁻¹(${p}; ${df})`);
  });

  it('chi-square cdf and quantile', () => {
    for (const [x, k, p] of d.chiSquareCdf) expectClose(chiSquareCdf(x, k), p, 1e-10, `χ²(${x}; ${k})`);
    for (const [p, k, x] of d.chiSquareQuantile) expectClose(chiSquareQuantile(p, k), x, 1e-10, `χ²⁻¹(${p}; ${k})`);
  });

  it('t survival keeps precision in the far tail where 1 - cdf would round to 0', () => {
    // P(T > 40) with 1000 df is about 1.1e-210: far below double epsilon.
    const tail = tSurvival(40, 1000);
    expect(tail).toBeGreaterThan(0);
    expect(tail).toBeLessThan(1e-200);
  });
});
