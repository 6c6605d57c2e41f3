import { summarizeArm } from './arm-summary';

describe('summarizeArm', () => {
  it('uses the unbiased variance (sumSquares - sum²/n)/(n-1) for a mean metric', () => {
    // values 1, 2, 6: mean 3, variance ((1-3)² + (2-3)² + (6-3)²)/2 = 7
    expect(summarizeArm('mean', { n: 3, sum: 9, sumSquares: 41 })).toEqual({ n: 3, mean: 3, variance: 7 });
  });

  it('uses p(1-p) for a proportion metric, with sum as conversions', () => {
    const arm = summarizeArm('proportion', { n: 200, sum: 50 });
    expect(arm.mean).toBe(0.25);
    expect(arm.variance).toBeCloseTo(0.1875, 15);
  });

  it('clamps the rounding residue of constant data to a zero variance', () => {
    const n = 3;
    const value = 0.1;
    expect(summarizeArm('mean', { n, sum: value * n, sumSquares: 0.030000000000000002 }).variance).toBe(0);
  });

  it.each([
    ['fewer than 2 units', 'mean', { n: 1, sum: 2, sumSquares: 4 }, 'INSUFFICIENT_SAMPLE'],
    ['conversions above n', 'proportion', { n: 10, sum: 11 }, 'INVALID_INPUT'],
    ['a mean metric without sumSquares', 'mean', { n: 10, sum: 11 }, 'INVALID_INPUT'],
    ['sumSquares below sum²/n', 'mean', { n: 10, sum: 100, sumSquares: 500 }, 'INVALID_INPUT'],
  ] as const)('rejects %s', (_label, metric, sums, code) => {
    expect(() => summarizeArm(metric, sums, 'control')).toThrow(expect.objectContaining({ code }));
  });
});
