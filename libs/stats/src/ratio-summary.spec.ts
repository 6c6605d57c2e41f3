import { fixedTest } from './fixed-test';
import { summarizeRatioArm } from './ratio-summary';
import { expectClose } from './testing/expect-close';
import { expectedRatio, gbstatsRatioPublished } from './testing/expected-values';

describe('ratio metrics (Σm / Σd per arm, delta method over units)', () => {
  it.each(expectedRatio.map((c, i) => [i, c] as const))('case %i: means and variances equal gbstats RatioStatistic, and numpy on the raw units', (_i, { input, expected }) => {
    for (const side of ['control', 'treatment'] as const) {
      const summary = summarizeRatioArm(input[side], side);
      expectClose(summary.mean, expected[side].mean, 1e-9, `${side} mean`);
      expectClose(summary.variance, expected[side].variance, 1e-9, `${side} variance`);
      if (expected.numpy) expectClose(summary.variance, expected.numpy[`${side}Variance`], 1e-6, `${side} variance (numpy)`);
    }
  });

  it("reproduces gbstats' published ratio vector (test_gbstats.py, frequentist) to 1e-6", () => {
    const { input } = expectedRatio[0];
    const control = summarizeRatioArm(input.control);
    const treatment = summarizeRatioArm(input.treatment);
    const result = fixedTest(control, treatment, { alpha: 0.05 });
    expectClose(control.mean, gbstatsRatioPublished.baseline, 1e-6, 'baseline');
    expectClose(treatment.mean, gbstatsRatioPublished.treatment, 1e-6, 'treatment');
    expectClose(result.relative!.estimate, gbstatsRatioPublished.relative, 1e-6, 'relative lift');
    expectClose(result.relative!.pValue, gbstatsRatioPublished.pValue, 1e-6, 'p-value');
    expectClose(result.relative!.ci[0], expectedRatio[0].expected.relative.ci[0], 1e-9, 'ci low (gbstats)');
  });

  it('refuses an arm without denominator', () => {
    const empty = { n: 10, numeratorSum: 0, numeratorSumSquares: 0, denominatorSum: 0, denominatorSumSquares: 0, sumProducts: 0 };
    expect(() => summarizeRatioArm(empty)).toThrow(expect.objectContaining({ code: 'INSUFFICIENT_SAMPLE' }));
  });
});
