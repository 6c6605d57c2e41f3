import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  const options = { baseMs: 100, maxMs: 1000 };

  it('doubles the ceiling on each attempt', () => {
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, options, () => 0.999999))).toEqual([99, 199, 399, 799]);
  });

  it('never exceeds the maximum, even after very many attempts', () => {
    expect(backoffDelay(500, options, () => 0.999999)).toBe(999);
  });

  it('draws a jittered delay uniformly below the ceiling', () => {
    expect(backoffDelay(2, options, () => 0)).toBe(0);
    expect(backoffDelay(2, options, () => 0.5)).toBe(200);
  });
});
