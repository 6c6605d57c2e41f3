import { exposureUnitId, unitAttributeOf } from './exposure-unit';

describe('exposureUnitId', () => {
  it('is the evaluated unit when the experiment randomises on it', () => {
    expect(exposureUnitId(null, 'user-1', { accountId: 'acc-9' })).toBe('user-1');
  });

  it("is the unit attribute's value when it is a non-empty string or a finite number", () => {
    expect(exposureUnitId('accountId', 'user-1', { accountId: 'acc-9' })).toBe('acc-9');
    expect(exposureUnitId('accountId', 'user-1', { accountId: 42 })).toBe('42');
  });

  it('is null when the attribute is missing, empty or of another type (the engine skips the rule)', () => {
    for (const value of [undefined, '', null, true, Number.NaN, Infinity, ['a'], { id: 1 }]) {
      expect(exposureUnitId('accountId', 'user-1', { accountId: value })).toBeNull();
    }
    expect(exposureUnitId('accountId', 'user-1', undefined)).toBeNull();
  });
});

describe('unitAttributeOf', () => {
  it("maps the default 'unitId' to null and keeps any other attribute name", () => {
    expect(unitAttributeOf({ unitAttribute: 'unitId' })).toBeNull();
    expect(unitAttributeOf({ unitAttribute: 'accountId' })).toBe('accountId');
  });
});
