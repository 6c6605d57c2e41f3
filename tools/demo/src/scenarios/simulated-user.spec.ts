import { seededRandom, simulateUser } from './simulated-user';

describe('simulateUser', () => {
  it('always reports one latency sample within ±20 % of the variant mean', () => {
    for (let i = 0; i < 200; i++) {
      const latency = simulateUser(`u-${i}`, { conversionRate: 0, latencyMs: 200 }).filter((e) => e.event === 'page_latency');
      expect(latency).toHaveLength(1);
      expect(latency[0].value).toBeGreaterThanOrEqual(160);
      expect(latency[0].value).toBeLessThanOrEqual(240);
    }
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

describe('seededRandom', () => {
  it('stays within [0, 1) and differs between seeds', () => {
    const a = seededRandom(1);
    const b = seededRandom(2);
    const values = Array.from({ length: 1000 }, () => a());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(a()).not.toBe(b());
  });
});
