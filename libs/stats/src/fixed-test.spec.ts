import { summarizeArm } from './arm-summary';
import { fixedTest } from './fixed-test';
import { StatsError } from './stats-error';

const control = summarizeArm('mean', { n: 3407, sum: 1396.87, sumSquares: 52377.9767 });
const treatment = summarizeArm('mean', { n: 3461, sum: 2422.7, sumSquares: 134698.29 });

describe('fixedTest (Welch)', () => {
  it('reproduces the worked example of the analysis issue to 5 decimals', () => {
    const result = fixedTest(control, treatment, { alpha: 0.05 });
    expect(result.absolute.estimate).toBeCloseTo(0.29, 5);
    expect(result.absolute.ci[0]).toBeCloseTo(0.04538, 5);
    expect(result.absolute.ci[1]).toBeCloseTo(0.53462, 5);
    expect(result.absolute.pValue).toBeCloseTo(0.02016, 5);
    expect(result.relative!.estimate).toBeCloseTo(0.70732, 5);
    expect(result.relative!.ci[0]).toBeCloseTo(-0.03526, 5);
    expect(result.relative!.ci[1]).toBeCloseTo(1.44989, 5);
    expect(result.relative!.pValue).toBeCloseTo(0.06191, 5);
  });

  it('reports no relative lift when the control mean is 0 instead of dividing by it', () => {
    const zeroControl = { n: 100, mean: 0, variance: 1 };
    const result = fixedTest(zeroControl, { n: 100, mean: 0.5, variance: 1 }, { alpha: 0.05 });
    expect(result.relative).toBeNull();
    expect(result.absolute.estimate).toBe(0.5);
  });

  it('still tests when only one arm has zero variance (df from the other arm)', () => {
    const result = fixedTest({ n: 10, mean: 1, variance: 0 }, { n: 10, mean: 2, variance: 1 }, { alpha: 0.05 });
    // se = sqrt(1/10); df = n_T - 1 = 9
    expect(result.absolute.se).toBeCloseTo(Math.sqrt(0.1), 12);
    expect(result.absolute.pValue).toBeGreaterThan(0);
    expect(result.absolute.pValue).toBeLessThan(0.05);
  });

  it('rejects two zero-variance arms with a typed error', () => {
    const flat = { n: 10, mean: 1, variance: 0 };
    expect(() => fixedTest(flat, flat, { alpha: 0.05 })).toThrow(expect.objectContaining({ code: 'ZERO_VARIANCE', retriable: false }));
  });

  it.each([0, 1, -0.1, Number.NaN])('rejects alpha %p', (alpha) => {
    expect(() => fixedTest(control, treatment, { alpha })).toThrow(StatsError);
    expect(() => fixedTest(control, treatment, { alpha })).toThrow(expect.objectContaining({ code: 'INVALID_ALPHA' }));
  });
});
