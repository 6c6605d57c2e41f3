import { metricUsers, segmentUsers } from './where-used';
import type { Experiment, Flag, Segment } from './types';

describe('where used', () => {
  it('finds the flags and segments that test membership of a segment', () => {
    const flags = [
      { key: 'a', rules: [{ conditions: [{ operator: 'inSegment', values: ['beta'] }] }] },
      { key: 'b', rules: [{ conditions: [{ operator: 'eq', values: ['beta'] }] }] },
    ] as unknown as Flag[];
    const segments = [{ key: 'staff', conditions: [{ operator: 'inSegment', values: ['beta'] }] }] as unknown as Segment[];
    expect(segmentUsers('beta', flags, segments)).toEqual(['flag a', 'segment staff']);
  });

  it('names the role a metric plays in each experiment', () => {
    const experiments = [
      { key: 'x', primaryMetric: 'buy', guardrailMetrics: [], secondaryMetrics: [] },
      { key: 'y', primaryMetric: 'other', guardrailMetrics: [{ metricKey: 'buy', maxRegression: 0.1 }], secondaryMetrics: [] },
      { key: 'z', primaryMetric: 'other', guardrailMetrics: [], secondaryMetrics: [] },
    ] as unknown as Experiment[];
    expect(metricUsers('buy', experiments)).toEqual(['x (primary)', 'y (guardrail)']);
  });
});
