import { isStale, staleCutoff } from './stale-rule';

const now = new Date('2026-12-03T12:00:00.000Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * 60 * 60 * 1000);
const cutoff = staleCutoff(now, 7);

describe('the stale rule (staleAfterDays = 7)', () => {
  it('puts the cutoff N days before now', () => {
    expect(cutoff.toISOString()).toBe('2026-11-26T12:00:00.000Z');
  });

  it('calls a flag last evaluated 10 days ago stale, and one evaluated just now (or 6 days ago) not', () => {
    expect(isStale(daysAgo(10), daysAgo(100), cutoff)).toBe(true);
    expect(isStale(now, daysAgo(100), cutoff)).toBe(false);
    expect(isStale(daysAgo(6), daysAgo(100), cutoff)).toBe(false);
  });

  it('is not stale exactly at the cutoff', () => {
    expect(isStale(daysAgo(7), daysAgo(100), cutoff)).toBe(false);
  });

  it('judges a flag never evaluated by its creation: stale once created more than N days ago', () => {
    expect(isStale(undefined, daysAgo(8), cutoff)).toBe(true);
    expect(isStale(undefined, daysAgo(1), cutoff)).toBe(false);
  });

  it('calls a flag never evaluated and of unknown creation stale', () => {
    expect(isStale(undefined, undefined, cutoff)).toBe(true);
  });

  it('goes by the last evaluation, not the creation, once a flag was evaluated', () => {
    expect(isStale(daysAgo(3), daysAgo(300), cutoff)).toBe(false);
  });
});
