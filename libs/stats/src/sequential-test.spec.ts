import { confidenceSequenceHalfWidth, sequentialPValue, sequentialTest } from './sequential-test';

describe('sequential confidence sequence', () => {
  it('matches the closed form of Waudby-Smith et al. at one hand-computed point', () => {
    // se 0.1, n 1000, α 0.05, N* 5000: ρ² = (5.99146 + ln 6.99146)/5000, computed by hand below.
    const rho2 = (-2 * Math.log(0.05) + Math.log(-2 * Math.log(0.05) + 1)) / 5000;
    const s = 0.1 * Math.sqrt(1000);
    const expected = s * Math.sqrt(((2 * (1000 * rho2 + 1)) / (1000 * 1000 * rho2)) * Math.log(Math.sqrt(1000 * rho2 + 1) / 0.05));
    expect(expected).toBeCloseTo(0.336389, 6); // scipy/numpy: 0.3363887725782781
    expect(confidenceSequenceHalfWidth(0.1, 1000, 0.05, 5000)).toBeCloseTo(expected, 14);
  });

  it('is wider than the fixed-horizon interval at the same α', () => {
    const fixedHalfWidth = 1.959963984540054 * 0.1;
    expect(confidenceSequenceHalfWidth(0.1, 1000, 0.05, 5000)).toBeGreaterThan(fixedHalfWidth);
  });

  it('gives a p-value below α exactly when the sequence excludes 0', () => {
    for (const estimate of [0.05, 0.2, 0.28, 0.3, 0.35, 0.6]) {
      const p = sequentialPValue(estimate, 0.1, 1000, 5000);
      const halfWidth = confidenceSequenceHalfWidth(0.1, 1000, 0.05, 5000);
      expect(p <= 0.05).toBe(Math.abs(estimate) > halfWidth);
      // At α = p the sequence touches 0.
      if (p < 1) expect(confidenceSequenceHalfWidth(0.1, 1000, p, 5000)).toBeCloseTo(Math.abs(estimate), 10);
    }
  });

  it('returns p = 1 when no α < 1 excludes 0 and p = 0 when even the smallest double does', () => {
    // Limit half-width at α → 1 is s·sqrt(1/n + N*/(2n²)) = 0.18708 for se 0.1, n 1000, N* 5000.
    expect(sequentialPValue(0.187, 0.1, 1000, 5000)).toBe(1);
    expect(sequentialPValue(0.1872, 0.1, 1000, 5000)).toBeLessThan(1);
    expect(sequentialPValue(1e6, 0.001, 1000, 5000)).toBe(0);
  });

  it('rejects a non-positive tuning parameter', () => {
    const arm = { n: 10, mean: 1, variance: 1 };
    expect(() => sequentialTest(arm, arm, { alpha: 0.05, tuning: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
