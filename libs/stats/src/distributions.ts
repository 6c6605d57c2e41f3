// Thin typed wrappers over @stdlib (ports of Boost/Cephes, accurate to ~1e-15 in the body);
// simple-statistics' normal CDF is a table lookup and too coarse for p-values.
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import gammainc from '@stdlib/math-base-special-gammainc';
import stdNormalCdf from '@stdlib/stats-base-dists-normal-cdf';
import stdNormalPdf from '@stdlib/stats-base-dists-normal-pdf';
import stdNormalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import studentCdf from '@stdlib/stats-base-dists-t-cdf';
import studentQuantile from '@stdlib/stats-base-dists-t-quantile';

export const normalCdf = (x: number, mean = 0, sd = 1): number => stdNormalCdf(x, mean, sd);
export const normalPdf = (x: number, mean = 0, sd = 1): number => stdNormalPdf(x, mean, sd);
export const normalQuantile = (p: number, mean = 0, sd = 1): number => stdNormalQuantile(p, mean, sd);
export const tCdf = (x: number, df: number): number => studentCdf(x, df);
export const tQuantile = (p: number, df: number): number => studentQuantile(p, df);
export const chiSquareCdf = (x: number, df: number): number => chisquareCdf(x, df);
export const chiSquareQuantile = (p: number, df: number): number => chisquareQuantile(p, df);

/** Upper tail P(X > x) as the regularized upper incomplete gamma Q(df/2, x/2): no 1 - cdf cancellation. */
export const chiSquareSurvival = (x: number, df: number): number => (x <= 0 ? 1 : gammainc(x / 2, df / 2, true, true));

/** Upper tail P(T > x), computed on the lower tail of -x so small p-values keep their precision. */
export const tSurvival = (x: number, df: number): number => studentCdf(-x, df);
