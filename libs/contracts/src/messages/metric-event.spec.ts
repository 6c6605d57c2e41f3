import { metricEventDataSchema } from './metric-event';

describe('metric.event data', () => {
  it('accepts a conversion without a value', () => {
    const parsed = metricEventDataSchema.parse({ unitId: 'u-1', event: 'purchase' });
    expect(parsed.value).toBeUndefined();
  });

  it('accepts a measurement with a value and flat properties', () => {
    const event = { unitId: 'u-1', event: 'revenue', value: 19.99, properties: { currency: 'EUR', items: 2, gift: false, coupon: null } };
    expect(metricEventDataSchema.parse(event)).toEqual(event);
  });

  it.each([
    ['an infinite value', { value: Number.POSITIVE_INFINITY }],
    ['a NaN value', { value: Number.NaN }],
    ['a value given as a string', { value: '3' }],
    ['an empty event name', { event: '' }],
    ['a nested property object', { properties: { cart: { items: 2 } } }],
  ])('rejects %s', (_label, patch) => {
    expect(metricEventDataSchema.safeParse({ unitId: 'u-1', event: 'revenue', ...patch }).success).toBe(false);
  });
});
