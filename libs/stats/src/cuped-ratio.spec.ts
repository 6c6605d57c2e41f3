import { cupedRatioAdjust } from './cuped-ratio';
import { expectClose } from './testing/expect-close';
import { expectedCupedRatio } from './testing/expected-values';

describe('CUPED for ratio metrics', () => {
  it.each(expectedCupedRatio.map((c, i) => [i, c] as const))('case %i: θ, adjusted means and variances equal numpy on the raw units', (_i, { input, expected }) => {
    const result = cupedRatioAdjust(input.control, input.treatment);
    expectClose(result.theta, expected.theta, 1e-9, 'theta');
    for (const side of ['control', 'treatment'] as const) {
      expectClose(result[side].mean, expected[side].mean, 1e-9, `${side} mean`);
      expectClose(result[side].variance, expected[side].variance, 1e-7, `${side} variance`);
    }
    expect(result.varianceReduction).toBeGreaterThan(0.3);
  });
});
