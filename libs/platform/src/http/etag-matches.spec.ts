import { etagMatches } from './etag-matches';

describe('etagMatches', () => {
  it('matches the same strong or weak tag, a list containing it, and *', () => {
    expect(etagMatches('"7"', '"7"')).toBe(true);
    expect(etagMatches('W/"7"', '"7"')).toBe(true);
    expect(etagMatches('"5", "7"', '"7"')).toBe(true);
    expect(etagMatches('*', '"7"')).toBe(true);
  });

  it('does not match another version or a missing header', () => {
    expect(etagMatches('"6"', '"7"')).toBe(false);
    expect(etagMatches('"77"', '"7"')).toBe(false);
    expect(etagMatches(undefined, '"7"')).toBe(false);
  });
});
