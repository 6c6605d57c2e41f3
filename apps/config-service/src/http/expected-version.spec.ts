import { InvalidInputError } from '@xp/platform';
import { expectedVersionFrom } from './expected-version';

describe('expectedVersionFrom', () => {
  it.each([
    ['"3"', 3],
    ['W/"12"', 12],
    ['7', 7],
  ])('reads If-Match %s as %i', (header, version) => {
    expect(expectedVersionFrom(header, undefined)).toBe(version);
  });

  it('reads expectedVersion from the body', () => {
    expect(expectedVersionFrom(undefined, { expectedVersion: 4 })).toBe(4);
  });

  it.each([
    ['missing', undefined, undefined, 'expected_version_required'],
    ['garbage header', '"abc"', undefined, 'invalid_if_match'],
    ['a list of etags', '"1", "2"', undefined, 'invalid_if_match'],
    ['a fractional body version', undefined, { expectedVersion: 1.5 }, 'invalid_expected_version'],
    ['a string body version', undefined, { expectedVersion: '2' }, 'invalid_expected_version'],
    ['disagreeing header and body', '"2"', { expectedVersion: 3 }, 'expected_version_mismatch'],
  ])('rejects %s', (_name, header, body, code) => {
    try {
      expectedVersionFrom(header, body as Record<string, unknown> | undefined);
      throw new Error('expected a 400');
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidInputError);
      expect((err as InvalidInputError).code).toBe(code);
    }
  });
});
