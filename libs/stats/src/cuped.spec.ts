import { cupedAdjust } from './cuped';
import { fixedTest } from './fixed-test';
import { expectClose } from './testing/expect-close';
import { expectedCuped } from './testing/expected-values';

describe('cupedAdjust', () => {
  it.each(expectedCuped.map((c, i) => [i, c] as const))('case %i matches the adjustment computed from raw rows in numpy', (_i, { input, expected }) => {
    const result = cupedAdjust(input.control, input.treatment);
    expectClose(result.theta, expected.theta, 1e-9, 'theta');
    for (const arm of ['control', 'treatment'] as const) {
      expect(result[arm].n).toBe(expected[arm].n);
      expectClose(result[arm].mean, expected[arm].mean, 1e-9, `${arm} mean`);
      expectClose(result[arm].variance, expected[arm].variance, 1e-8, `${arm} variance`);
    }
    expectClose(result.varianceReduction, expected.varianceReduction, 1e-8, 'variance reduction');
    // The adjusted arms feed the ordinary Welch test: same answer as scipy's ttest_ind on adjusted rows.
    const test = fixedTest(result.control, result.treatment, { alpha: 0.05 });
    expectClose(test.absolute.estimate, expected.absoluteEstimate, 1e-9, 'estimate');
    expectClose(test.absolute.pValue, expected.absolutePValue, 1e-8, 'p-value');
  });

  it('leaves the data unadjusted when the covariate is constant', () => {
    const arm = { n: 4, sum: 10, sumSquares: 30, covariateSum: 8, covariateSumSquares: 16, sumProducts: 20 };
    const result = cupedAdjust(arm, arm);
    expect(result.theta).toBe(0);
    expect(result.control).toEqual({ n: 4, mean: 2.5, variance: 5 / 3 });
    expect(result.varianceReduction).toBe(0);
  });

  it('rejects an arm with fewer than 2 units', () => {
    const arm = { n: 1, sum: 1, sumSquares: 1, covariateSum: 1, covariateSumSquares: 1, sumProducts: 1 };
    expect(() => cupedAdjust(arm, arm)).toThrow(expect.objectContaining({ code: 'INSUFFICIENT_SAMPLE' }));
  });
});
