import { exposureDataSchema } from './exposure';

const valid = { experimentKey: 'checkout', flagKey: 'new-checkout', variant: 'control', unitId: 'user-42' };

describe('exposure data', () => {
  it('accepts the minimal exposure', () => {
    expect(exposureDataSchema.parse(valid)).toEqual(valid);
  });

  it('accepts the unit attribute, stage and percentage when given', () => {
    const full = { ...valid, unitAttribute: 'userId', stage: 2, percentage: 25 };
    expect(exposureDataSchema.parse(full)).toEqual(full);
  });

  it.each([
    ['an empty unit id', { unitId: '' }],
    ['a unit id longer than 256 characters', { unitId: 'x'.repeat(257) }],
    ['a missing variant', { variant: undefined }],
    ['a negative stage', { stage: -1 }],
    ['a percentage above 100', { percentage: 101 }],
    ['a non-finite percentage', { percentage: Number.NaN }],
  ])('rejects %s', (_label, patch) => {
    expect(exposureDataSchema.safeParse({ ...valid, ...patch }).success).toBe(false);
  });
});
