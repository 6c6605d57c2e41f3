import { seededUniform } from './seeded-uniform';

describe('seededUniform', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = seededUniform(7);
    const b = seededUniform(7);
    const c = seededUniform(8);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
  });

  it('gives mulberry32 values: the reference implementation for seed 1 starts 0.6270739405881613', () => {
    expect(seededUniform(1)()).toBeCloseTo(0.6270739405881613, 15);
  });

  it('stays inside its interval and is uniform enough for simulations', () => {
    const open = seededUniform(42, '(0,1)');
    let sum = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = open();
      sum += u;
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
    expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(0.005);
  });
});
