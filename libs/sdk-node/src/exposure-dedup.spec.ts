import { ExposureDedup } from './exposure-dedup';

describe('ExposureDedup', () => {
  it('reports a (experiment, unit, variant) only the first time within the window', () => {
    const dedup = new ExposureDedup({ maxSize: 10, ttlMs: 1000 });
    expect(dedup.firstSeen('exp', 'u1', 'a', 0)).toBe(true);
    expect(dedup.firstSeen('exp', 'u1', 'a', 500)).toBe(false);
    expect(dedup.firstSeen('exp', 'u1', 'b', 500)).toBe(true);
    expect(dedup.firstSeen('exp2', 'u1', 'a', 500)).toBe(true);
  });

  it('reports a key again once the window has passed', () => {
    const dedup = new ExposureDedup({ maxSize: 10, ttlMs: 1000 });
    dedup.firstSeen('exp', 'u1', 'a', 0);
    expect(dedup.firstSeen('exp', 'u1', 'a', 1000)).toBe(true);
    expect(dedup.firstSeen('exp', 'u1', 'a', 1500)).toBe(false);
  });

  it('stays within its size bound by forgetting the oldest key', () => {
    const dedup = new ExposureDedup({ maxSize: 2, ttlMs: 1000 });
    dedup.firstSeen('exp', 'u1', 'a', 0);
    dedup.firstSeen('exp', 'u2', 'a', 1);
    dedup.firstSeen('exp', 'u3', 'a', 2);
    expect(dedup.size).toBe(2);
    expect(dedup.firstSeen('exp', 'u3', 'a', 3)).toBe(false);
    expect(dedup.firstSeen('exp', 'u1', 'a', 3)).toBe(true);
  });

  it('does not confuse keys whose parts concatenate to the same text', () => {
    const dedup = new ExposureDedup({ maxSize: 10, ttlMs: 1000 });
    dedup.firstSeen('ab', 'c', 'v', 0);
    expect(dedup.firstSeen('a', 'bc', 'v', 0)).toBe(true);
  });
});
