import { powerForSampleSize, sampleSizeForPower } from './power';
import { expectClose } from './testing/expect-close';
import { expectedPower } from './testing/expected-values';

describe('power and sample size (two-sided, normal approximation)', () => {
  it.each(expectedPower.map((c) => [JSON.stringify(c.input), c] as const))('match statsmodels NormalIndPower for %s', (_n, { input, expected }) => {
    const size = sampleSizeForPower(input);
    expectClose(size.exactNPerArm, expected.exactNPerArm, 1e-9, 'exact n per arm');
    expect(size.nPerArm).toBe(expected.nPerArm);
    expectClose(powerForSampleSize({ ...input, nPerArm: size.nPerArm }), expected.powerAtNPerArm, 1e-10, 'power at n');
  });

  it('needs four times the units to detect half the effect', () => {
    const base = { alpha: 0.05, power: 0.8, variance: 1 };
    const big = sampleSizeForPower({ ...base, mde: 0.2 }).exactNPerArm;
    const small = sampleSizeForPower({ ...base, mde: 0.1 }).exactNPerArm;
    expectClose(small / big, 4, 1e-6, 'ratio');
  });

  it('rejects a power outside (0, 1)', () => {
    expect(() => sampleSizeForPower({ alpha: 0.05, power: 1, mde: 0.1, variance: 1 })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
