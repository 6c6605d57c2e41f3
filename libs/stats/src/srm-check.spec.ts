import { srmCheck } from './srm-check';
import { expectClose } from './testing/expect-close';
import { expectedSrm } from './testing/expected-values';

describe('srmCheck', () => {
  it.each(expectedSrm.map((c) => [JSON.stringify(c.input), c] as const))('matches scipy chisquare for %s', (_n, { input, expected }) => {
    const result = srmCheck(input);
    expectClose(result.chiSquare, expected.chiSquare, 1e-12, 'chi-square');
    expect(result.df).toBe(expected.df);
    expectClose(result.pValue, expected.pValue, 1e-10, 'p-value');
    expect(result.mismatch).toBe(expected.mismatch);
  });

  // Far tails from scipy.stats.chi2.sf (an independent implementation): 1 - cdf would cancel to 0
  // or keep only a few digits there, the survival function keeps full relative precision.
  it.each([
    [[1000, 1300], [1, 1], 39.130434782608695, 3.9641597078900225e-10],
    [[4000, 5000, 6000], [1, 1, 1], 400, 1.383896526736753e-87],
  ])('keeps relative precision in the far tail for %j', (observed, weights, chiSquare, pValue) => {
    const result = srmCheck({ observed, weights });
    expect(result.chiSquare).toBeCloseTo(chiSquare, 9);
    expect(Math.abs(result.pValue - pValue) / pValue).toBeLessThan(1e-9);
  });

  it('flags a 52/48 split of 10,000 units configured 50/50 as a mismatch', () => {
    expect(srmCheck({ observed: [5200, 4800], weights: [1, 1] }).mismatch).toBe(true);
  });

  it.each([
    ['lengths differ', { observed: [1, 2], weights: [1, 1, 1] }],
    ['a weight is 0', { observed: [1, 2], weights: [1, 0] }],
    ['no unit observed', { observed: [0, 0], weights: [1, 1] }],
    ['a single variant', { observed: [10], weights: [1] }],
  ])('rejects input where %s', (_label, input) => {
    expect(() => srmCheck(input)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
