import { normalizeDateParams } from './date-param';

describe('normalizeDateParams', () => {
  it('turns Dates, also inside arrays, into Unix seconds with milliseconds and leaves other values alone', () => {
    const at = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6));
    const whole = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 0));
    expect(normalizeDateParams({ at, list: [whole], s: "it's", n: 3 })).toEqual({
      at: '1704164645.006',
      list: ['1704164645'],
      s: "it's",
      n: 3,
    });
  });

  it('pads milliseconds below 100', () => {
    expect(normalizeDateParams({ at: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 60)) })).toEqual({ at: '1704164645.060' });
  });
});
