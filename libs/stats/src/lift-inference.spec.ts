import type { ArmSummary } from './arm-summary';
import { fiellerRelative, relativeMarginTest, sequentialLift } from './lift-inference';
import { sequentialBoundary } from './normal-mixture';
import { expectClose } from './testing/expect-close';
import { expectedFieller } from './testing/expected-values';

const arm = (n: number, mean: number, variance: number): ArmSummary => ({ n, mean, variance });

describe('Fieller interval of the relative lift', () => {
  it.each(expectedFieller.map((c, i) => [i, c] as const))('case %i matches the margins scipy finds by root-finding the contrast test', (_i, { input, expected }) => {
    const ci = fiellerRelative(arm(1, input.control.mean, input.control.varianceOfMean), arm(1, input.treatment.mean, input.treatment.varianceOfMean), input.boundary);
    expectClose(ci![0], expected.ci[0], 1e-9, 'lower');
    expectClose(ci![1], expected.ci[1], 1e-9, 'upper');
  });

  it('is unbounded (null) when the control mean is not distinguishable from 0', () => {
    expect(fiellerRelative(arm(1, 0.001, 0.01), arm(1, 0.2, 0.01), 2)).toBeNull();
  });
});

describe('sequentialLift', () => {
  const control = arm(1000, 0.1, 0.09);
  const treatment = arm(1000, 0.125, 0.109);

  it('uses the sequence boundary at α/multiplicity for the absolute interval', () => {
    const result = sequentialLift(control, treatment, { alpha: 0.05, tuning: 2000, multiplicity: 3 });
    expect(result.level).toBeCloseTo(0.05 / 3, 15);
    expect(result.boundary).toBe(sequentialBoundary(2000, 0.05 / 3, 2000));
    const se = Math.sqrt(0.09 / 1000 + 0.109 / 1000);
    expectClose(result.absolute.ci[1] - result.absolute.estimate, result.boundary * se, 1e-12, 'half-width');
  });

  it('gives adjusted p < α exactly when the interval excludes 0, absolute and relative alike', () => {
    for (const lift of [0.005, 0.02, 0.03, 0.04, 0.06]) {
      for (const multiplicity of [1, 2, 5]) {
        const r = sequentialLift(control, arm(1000, 0.1 + lift, 0.1), { alpha: 0.05, tuning: 2000, multiplicity });
        const excludes = r.absolute.ci[0] > 0;
        expect(r.absolute.pValue < 0.05).toBe(excludes);
        expect(r.relative!.ci[0] > 0).toBe(excludes);
      }
    }
  });

  it('never claims certainty: an arm with 0 conversions keeps a positive standard error (Agresti-Caffo arm)', () => {
    const zero = arm(40, 0, (1 / 42) * (41 / 42));
    const r = sequentialLift(arm(40, 0.05, (3 / 42) * (39 / 42)), zero, { alpha: 0.05, tuning: 300 });
    expect(r.absolute.se).toBeGreaterThan(0);
    expect(r.relative === null || r.relative.ci[0] < -0.5).toBe(true);
  });

  it('refuses only when neither arm has any variance', () => {
    expect(() => sequentialLift(arm(10, 1, 0), arm(10, 1, 0), { alpha: 0.05, tuning: 100 })).toThrow(expect.objectContaining({ code: 'ZERO_VARIANCE' }));
  });
});

describe('relativeMarginTest', () => {
  it('agrees with the Fieller interval: a margin outside it is rejected on the side it lies', () => {
    const c = arm(5000, 0.2, 0.16);
    const t = arm(5000, 0.18, 0.1476);
    const options = { alpha: 0.05, tuning: 10_000 };
    const { relative } = sequentialLift(c, t, options);
    for (const margin of [-0.3, -0.2, -0.15, -0.1, -0.05, 0, 0.05]) {
      const test = relativeMarginTest(c, t, margin, options);
      expect(test.below).toBe(relative!.ci[1] < margin);
      expect(test.above).toBe(relative!.ci[0] > margin);
    }
  });

  it('still decides when the control mean is 0: 0/300 crashes against 60/300', () => {
    const ac = (x: number, n: number) => ((x + 1) / (n + 2)) * (1 - (x + 1) / (n + 2));
    const test = relativeMarginTest(arm(300, 0, ac(0, 300)), arm(300, 0.2, ac(60, 300)), 0.1, { alpha: 0.05, tuning: 300 });
    expect(test.above).toBe(true);
    expect(test.pValue).toBeLessThan(1e-6);
  });
});
