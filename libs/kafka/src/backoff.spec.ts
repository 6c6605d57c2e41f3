import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles from the initial delay on each attempt', () => {
    expect([1, 2, 3].map((a) => backoffDelay(a, { initialMs: 100, maxMs: 10_000 }))).toEqual([100, 200, 400]);
  });

  it('never exceeds the maximum', () => {
    expect(backoffDelay(30, { initialMs: 100, maxMs: 5000 })).toBe(5000);
  });
});
