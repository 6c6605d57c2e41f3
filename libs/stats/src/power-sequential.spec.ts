import { decisionArm } from './arm-summary';
import { sequentialLift } from './lift-inference';
import { sequentialPower, sequentialSampleSize } from './power-sequential';
import { sampleSizeForPower } from './power';
import { seededNormal } from './testing/seeded-normal';

/** Fraction of simulated experiments whose sequence shows the effect by the planned size, looking `looks` times. */
function simulatedPower(draw: () => { control: number; treatment: number }, nPerArm: number, looks: number, tuning: number, runs: number, proportion = false): number {
  let detected = 0;
  for (let r = 0; r < runs; r += 1) {
    const c = { n: 0, sum: 0, sumSquares: 0 };
    const t = { n: 0, sum: 0, sumSquares: 0 };
    for (let k = 1; k <= looks; k += 1) {
      while (c.n < Math.round((nPerArm * k) / looks)) {
        const { control, treatment } = draw();
        c.n += 1; c.sum += control; c.sumSquares += control * control;
        t.n += 1; t.sum += treatment; t.sumSquares += treatment * treatment;
      }
      const metric = proportion ? 'proportion' : 'mean';
      const result = sequentialLift(decisionArm(metric, c), decisionArm(metric, t), { alpha: 0.05, tuning });
      if (result.absolute.ci[0] > 0) {
        detected += 1;
        break;
      }
    }
  }
  return detected / runs;
}

describe('power and sample size of the sequential test', () => {
  it('needs more units than the fixed-horizon test for the same power (it may be read at every look)', () => {
    const design = { alpha: 0.05, mde: 0.2, variance: 1 };
    const sequential = sequentialSampleSize({ ...design, power: 0.8, looks: 50 });
    const fixed = sampleSizeForPower({ ...design, power: 0.8 });
    expect(sequential.nPerArm).toBeGreaterThan(fixed.nPerArm * 1.3);
    expect(sequential.tuning).toBe(2 * sequential.nPerArm);
    expect(sequentialPower({ ...design, nPerArm: sequential.exactNPerArm, looks: 50, tuning: 2 * sequential.exactNPerArm })).toBeCloseTo(0.8, 6);
    expect(sequentialPower({ ...design, nPerArm: sequential.nPerArm, looks: 50, tuning: sequential.tuning })).toBeGreaterThanOrEqual(0.8);
  });

  it('a normal metric planned for 80 % power is detected within 3 points of 80 % by the planned size (simulated, 50 looks)', () => {
    const plan = sequentialSampleSize({ alpha: 0.05, mde: 0.2, variance: 1, power: 0.8, looks: 50 });
    const normal = seededNormal(11);
    const power = simulatedPower(() => ({ control: normal(), treatment: 0.2 + normal() }), plan.nPerArm, 50, plan.tuning, 3000);
    expect(Math.abs(power - 0.8)).toBeLessThan(0.03);
  });

  it('a conversion rate 10 % -> 12 % planned for 80 % power is detected within 3 points of 80 % (simulated, 50 looks)', () => {
    const plan = sequentialSampleSize({ alpha: 0.05, mde: 0.02, variance: 0.09, treatmentVariance: 0.1056, power: 0.8, looks: 50 });
    let state = 3;
    const uniform = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const power = simulatedPower(() => ({ control: uniform() < 0.1 ? 1 : 0, treatment: uniform() < 0.12 ? 1 : 0 }), plan.nPerArm, 50, plan.tuning, 1500, true);
    expect(Math.abs(power - 0.8)).toBeLessThan(0.03);
  });
});
