import { flagUsageReport, type LiveFlag } from './flag-usage-report';
import { parseFlagUsageQuery } from './flag-usage-query';

const now = new Date('2026-12-03T12:00:00.000Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * 60 * 60 * 1000);

const flags: LiveFlag[] = [
  { key: 'fresh', tags: ['checkout'], createdAt: daysAgo(100) },
  { key: 'old', tags: [], createdAt: daysAgo(100) },
  { key: 'never-new', tags: [], createdAt: daysAgo(1) },
  { key: 'never-old', tags: ['legacy'], createdAt: daysAgo(30) },
];
const usage = [
  { flagKey: 'fresh', environment: 'production', evaluations: 5, lastEvaluatedAt: daysAgo(0) },
  { flagKey: 'fresh', environment: 'staging', evaluations: 2, lastEvaluatedAt: daysAgo(20) },
  { flagKey: 'old', environment: 'production', evaluations: 9, lastEvaluatedAt: daysAgo(10) },
  { flagKey: 'archived-or-unknown', environment: 'production', evaluations: 1, lastEvaluatedAt: daysAgo(0) },
];

describe('flagUsageReport', () => {
  it('lists every live flag with its usage per environment, totals and the latest time', () => {
    const report = flagUsageReport(flags, usage, {}, now);
    expect(report.items.map((i) => i.flagKey)).toEqual(['fresh', 'old', 'never-new', 'never-old']);
    expect(report.items[0]).toEqual({
      flagKey: 'fresh',
      tags: ['checkout'],
      createdAt: daysAgo(100).toISOString(),
      lastEvaluatedAt: daysAgo(0).toISOString(),
      evaluations: 7,
      environments: [
        { environment: 'production', evaluations: 5, lastEvaluatedAt: daysAgo(0).toISOString() },
        { environment: 'staging', evaluations: 2, lastEvaluatedAt: daysAgo(20).toISOString() },
      ],
      stale: false,
    });
    expect(report.items[2]).toMatchObject({ lastEvaluatedAt: null, evaluations: 0, environments: [] });
    expect(report.staleAfterDays).toBe(30);
  });

  it('with staleAfterDays lists only the stale flags: last evaluated before the cutoff, or never and created before it', () => {
    const report = flagUsageReport(flags, usage, { staleAfterDays: 7 }, now);
    expect(report.items.map((i) => i.flagKey)).toEqual(['old', 'never-old']);
    expect(report.items.every((i) => i.stale)).toBe(true);
  });

  it('judges by the environment asked about only', () => {
    const report = flagUsageReport(flags, usage, { environment: 'staging', staleAfterDays: 7 }, now);
    expect(report.items.map((i) => i.flagKey)).toEqual(['fresh', 'old', 'never-old']);
    expect(report.items[0].environments.map((e) => e.environment)).toEqual(['staging']);
    expect(report.environment).toBe('staging');
  });
});

describe('parseFlagUsageQuery', () => {
  it('reads environment and staleAfterDays', () => {
    expect(parseFlagUsageQuery({})).toEqual({});
    expect(parseFlagUsageQuery({ environment: 'staging', staleAfterDays: '7' })).toEqual({ environment: 'staging', staleAfterDays: 7 });
  });

  it.each([
    [{ staleAfterDays: '0' }],
    [{ staleAfterDays: '-3' }],
    [{ staleAfterDays: '1.5' }],
    [{ staleAfterDays: 'week' }],
    [{ environment: 'Not An Env' }],
    [{ stale: 'true' }],
  ])('refuses %j', (query) => {
    expect(() => parseFlagUsageQuery(query)).toThrow();
  });
});
