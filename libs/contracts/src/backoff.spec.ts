import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  const options = { initialMs: 100, maxMs: 1000 };

  it('doubles from the initial delay, 1-based, up to the cap', () => {
    expect([1, 2, 3, 4, 5, 40].map((a) => backoffDelay(a, options))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('draws uniformly below that delay with full jitter', () => {
    const jittered = { ...options, jitter: 'full' as const };
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, jittered, () => 0.999999))).toEqual([99, 199, 399, 799]);
    expect(backoffDelay(3, jittered, () => 0)).toBe(0);
    expect(backoffDelay(3, jittered, () => 0.5)).toBe(200);
    expect(backoffDelay(500, jittered, () => 0.999999)).toBe(999);
  });
});
