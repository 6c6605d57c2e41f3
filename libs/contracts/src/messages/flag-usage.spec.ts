import { parseEnvelope } from '../parse-envelope';
import { makeEnvelope } from '../make-envelope';
import { flagUsageDataSchema } from './flag-usage';

const valid = {
  source: 'assignment-host-1-4242-lq3',
  windowStart: '2026-12-03T08:00:00.000Z',
  windowEnd: '2026-12-03T08:01:00.000Z',
  items: [{ flagKey: 'checkout', environment: 'production', evaluations: 12, lastEvaluatedAt: '2026-12-03T08:00:59.000Z' }],
};

describe('flag.usage data', () => {
  it('accepts a window of counts per flag and environment', () => {
    expect(flagUsageDataSchema.parse(valid)).toEqual(valid);
    expect(parseEnvelope('flag.usage', makeEnvelope('flag.usage', valid)).ok).toBe(true);
  });

  it.each([
    ['no items', { items: [] }],
    ['a zero count', { items: [{ ...valid.items[0], evaluations: 0 }] }],
    ['an environment that is not a slug', { items: [{ ...valid.items[0], environment: 'Prod.EU' }] }],
    ['a window that ends before it starts', { windowEnd: '2026-12-03T07:00:00.000Z' }],
    ['an empty source', { source: '' }],
  ])('rejects %s', (_label, patch) => {
    expect(flagUsageDataSchema.safeParse({ ...valid, ...patch }).success).toBe(false);
  });
});
