// Monte Carlo checks of the methods' error rates on simulated experiments (seeded, deterministic).
// Units are drawn one by one and reduced to the same sufficient statistics ClickHouse returns.
import { summarizeArm } from './arm-summary';
import { fixedTest } from './fixed-test';
import { powerForSampleSize, sampleSizeForPower } from './power';
import { sequentialTest } from './sequential-test';
import { binomialBounds } from './testing/binomial-bounds';
import { seededNormal } from './testing/seeded-normal';

const EXPERIMENTS = 1000;
const ALPHA = 0.05;

interface Sums {
  n: number;
  sum: number;
  sumSquares: number;
}

function addUnits(sums: Sums, units: number, mean: number, draw: () => number): void {
  for (let i = 0; i < units; i += 1) {
    const value = mean + draw();
    sums.n += 1;
    sums.sum += value;
    sums.sumSquares += value * value;
  }
}

const empty = (): Sums => ({ n: 0, sum: 0, sumSquares: 0 });
const significant = (control: Sums, treatment: Sums, method: 'fixed' | 'sequential'): boolean => {
  const c = summarizeArm('mean', control);
  const t = summarizeArm('mean', treatment);
  const result = method === 'fixed' ? fixedTest(c, t, { alpha: ALPHA }) : sequentialTest(c, t, { alpha: ALPHA, tuning: 5000 });
  return result.absolute.pValue <= ALPHA;
};

describe('simulated experiments', () => {
  it('A/A: the fixed test rejects at a rate consistent with α', () => {
    const draw = seededNormal(1);
    let rejections = 0;
    for (let e = 0; e < EXPERIMENTS; e += 1) {
      const control = empty();
      const treatment = empty();
      addUnits(control, 200, 0, draw);
      addUnits(treatment, 200, 0, draw);
      if (significant(control, treatment, 'fixed')) rejections += 1;
    }
    const [lo, hi] = binomialBounds(EXPERIMENTS, ALPHA);
    expect(rejections).toBeGreaterThanOrEqual(lo);
    expect(rejections).toBeLessThanOrEqual(hi);
  });

  it('a planted lift is detected at about the power the sample size was designed for', () => {
    const design = { alpha: ALPHA, mde: 0.2, variance: 1 };
    const { nPerArm } = sampleSizeForPower({ ...design, power: 0.8 });
    const designedPower = powerForSampleSize({ ...design, nPerArm });
    const draw = seededNormal(2);
    let detections = 0;
    for (let e = 0; e < EXPERIMENTS; e += 1) {
      const control = empty();
      const treatment = empty();
      addUnits(control, nPerArm, 0, draw);
      addUnits(treatment, nPerArm, design.mde, draw);
      if (significant(control, treatment, 'fixed')) detections += 1;
    }
    const [lo, hi] = binomialBounds(EXPERIMENTS, designedPower);
    expect(detections).toBeGreaterThanOrEqual(lo);
    expect(detections).toBeLessThanOrEqual(hi);
  });

  it('peeking daily for 30 days: the sequential method stays within α, the fixed-horizon test does not', () => {
    const draw = seededNormal(3);
    const everRejected = { fixed: 0, sequential: 0 };
    for (let e = 0; e < EXPERIMENTS; e += 1) {
      const control = empty();
      const treatment = empty();
      const rejected = { fixed: false, sequential: false };
      for (let day = 0; day < 30; day += 1) {
        addUnits(control, 100, 0, draw);
        addUnits(treatment, 100, 0, draw);
        rejected.fixed ||= significant(control, treatment, 'fixed');
        rejected.sequential ||= significant(control, treatment, 'sequential');
      }
      if (rejected.fixed) everRejected.fixed += 1;
      if (rejected.sequential) everRejected.sequential += 1;
    }
    const [, hi] = binomialBounds(EXPERIMENTS, ALPHA);
    expect(everRejected.sequential).toBeLessThanOrEqual(hi);
    expect(everRejected.fixed).toBeGreaterThan(hi);
  });
});

describe('binomialBounds', () => {
  it('brackets the mean of Binomial(1000, 0.05) symmetrically enough', () => {
    const [lo, hi] = binomialBounds(1000, 0.05);
    // 3.3 standard deviations (6.89) around 50 in each direction, give or take the skew.
    expect(lo).toBeGreaterThanOrEqual(26);
    expect(lo).toBeLessThanOrEqual(30);
    expect(hi).toBeGreaterThanOrEqual(72);
    expect(hi).toBeLessThanOrEqual(76);
  });
});
