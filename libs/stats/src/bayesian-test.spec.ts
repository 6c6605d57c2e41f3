import { bayesianTest, normalRisk } from './bayesian-test';
import { fixedTest } from './fixed-test';

describe('bayesianTest', () => {
  const control = { n: 5000, mean: 10, variance: 16 };
  const treatment = { n: 5000, mean: 10.2, variance: 16 };

  it('shrinks the relative lift toward the prior mean with the precision-weighted average', () => {
    const flat = bayesianTest(control, treatment, { alpha: 0.05 });
    const prior = { mean: 0, variance: flat.relative.se ** 2 };
    // Equal precisions: the posterior mean is halfway between estimate and prior mean.
    const shrunk = bayesianTest(control, treatment, { alpha: 0.05, prior });
    expect(shrunk.relative.estimate).toBeCloseTo(flat.relative.estimate / 2, 12);
    expect(shrunk.relative.se).toBeCloseTo(flat.relative.se / Math.SQRT2, 12);
  });

  it('with a flat prior, centres on the frequentist relative estimate', () => {
    const flat = bayesianTest(control, treatment, { alpha: 0.05 });
    const freq = fixedTest(control, treatment, { alpha: 0.05 });
    expect(flat.relative.estimate).toBe(freq.relative!.estimate);
    expect(flat.relative.se).toBe(freq.relative!.se);
    expect(flat.chanceToWin).toBeGreaterThan(0.99);
  });

  it('risk: E[max(X,0)] - E[max(-X,0)] equals the posterior mean', () => {
    const [keepControl, chooseTreatment] = normalRisk({ mean: 0.03, sd: 0.05 });
    expect(keepControl - chooseTreatment).toBeCloseTo(0.03, 14);
    expect(chooseTreatment).toBeGreaterThan(0);
  });
});
