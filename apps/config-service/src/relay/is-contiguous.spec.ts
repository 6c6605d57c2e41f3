import { isContiguous } from './is-contiguous';

describe('isContiguous', () => {
  it('accepts positions that continue right after the checkpoint', () => {
    expect(isContiguous(0, [1, 2, 3])).toBe(true);
    expect(isContiguous(7, [8])).toBe(true);
  });

  it('flags a hole right after the checkpoint or between positions', () => {
    expect(isContiguous(0, [2, 3])).toBe(false);
    expect(isContiguous(4, [5, 7])).toBe(false);
  });
});
