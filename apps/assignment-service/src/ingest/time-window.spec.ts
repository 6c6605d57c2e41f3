import { DEFAULT_INGEST_TIME_WINDOW, timeWindowProblem } from './time-window';

const now = new Date('2026-12-02T12:00:00.000Z');
const problem = (timestamp: string | number) => timeWindowProblem(timestamp, new Date(timestamp), now, DEFAULT_INGEST_TIME_WINDOW);

describe('timeWindowProblem (defaults: 8 days back, 5 minutes ahead)', () => {
  it('accepts times inside the window', () => {
    expect(problem('2026-12-02T12:04:59.000Z')).toBeUndefined();
    expect(problem(now.getTime() - 8 * 86_400_000)).toBeUndefined();
  });

  it('refuses times ahead of the clock: year 10000, 2100, six minutes from now', () => {
    expect(problem(253_402_300_800_000)).toBe("+010000-01-01T00:00:00.000Z is more than 5 minutes ahead of the server's clock");
    expect(problem('2100-01-01T00:00:00Z')).toMatch(/ahead of the server's clock/);
    expect(problem('2026-12-02T12:06:00.000Z')).toMatch(/ahead/);
  });

  it('refuses times older than the window, hinting at epoch seconds', () => {
    expect(problem(0)).toBe('1970-01-01T00:00:00.000Z is older than 8 days (epoch seconds instead of milliseconds?)');
    expect(problem(Math.floor(now.getTime() / 1000))).toMatch(/epoch seconds instead of milliseconds/);
    expect(problem('2026-11-20T00:00:00Z')).toBe('2026-11-20T00:00:00.000Z is older than 8 days');
  });
});
