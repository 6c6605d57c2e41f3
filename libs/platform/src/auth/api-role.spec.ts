import { isApiRole, roleSatisfies } from './api-role';

describe('roleSatisfies', () => {
  it('lets admin satisfy every requirement', () => {
    expect(roleSatisfies('admin', ['reader'])).toBe(true);
    expect(roleSatisfies('admin', ['sdk'])).toBe(true);
  });

  it('lets reader and sdk satisfy only requirements that name them', () => {
    expect(roleSatisfies('reader', ['reader'])).toBe(true);
    expect(roleSatisfies('reader', ['sdk'])).toBe(false);
    expect(roleSatisfies('reader', ['admin'])).toBe(false);
    expect(roleSatisfies('sdk', ['sdk'])).toBe(true);
    expect(roleSatisfies('sdk', ['reader'])).toBe(false);
    expect(roleSatisfies('sdk', ['reader', 'sdk'])).toBe(true);
  });

  it('recognizes only the three roles', () => {
    expect(['admin', 'reader', 'sdk', 'owner', 'Admin'].map(isApiRole)).toEqual([true, true, true, false, false]);
  });
});
