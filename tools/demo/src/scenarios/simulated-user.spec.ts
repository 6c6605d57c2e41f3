import { seededUniform } from '@xp/stats';
import { simulateUser } from './simulated-user';

describe('simulateUser', () => {
  it('reports 1 to 5 page requests, each within ±20 % of the variant mean latency', () => {
    const counts = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const latency = simulateUser(`u-${i}`, { conversionRate: 0, latencyMs: 200 }).filter((e) => e.event === 'page_latency');
      counts.add(latency.length);
      for (const e of latency) {
        expect(e.value).toBeGreaterThanOrEqual(160);
        expect(e.value).toBeLessThanOrEqual(240);
      }
    }
    expect([...counts].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('converts about as often as the variant rate says', () => {
    const units = Array.from({ length: 4000 }, (_, i) => `unit-${i}`);
    const rate = units.filter((u) => simulateUser(u, { conversionRate: 0.55, latencyMs: 200 }).some((e) => e.event === 'purchase')).length / units.length;
    expect(rate).toBeGreaterThan(0.52);
    expect(rate).toBeLessThan(0.58);
  });

  it('gives a unit the same behaviour every time', () => {
    const behaviour = { conversionRate: 0.5, latencyMs: 300 };
    expect(simulateUser('same-unit', behaviour)).toEqual(simulateUser('same-unit', behaviour));
  });
});

describe('seededUniform (as the demo uses it)', () => {
  it('stays within [0, 1) and differs between seeds', () => {
    const a = seededUniform(1);
    const b = seededUniform(2);
    const values = Array.from({ length: 1000 }, () => a());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(a()).not.toBe(b());
  });
});
