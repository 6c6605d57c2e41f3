import { InvalidIdentifierError } from './clickhouse-error';
import { assertIdentifier, isIdentifier } from './identifier';

describe('assertIdentifier', () => {
  it.each(['exposures', 'metric_events_v2', '_tmp', 'A1'])('accepts the plain identifier %s', (name) => {
    expect(assertIdentifier(name)).toBe(name);
  });

  it.each(['', '1table', 'db.table', 'a b', 'x;DROP TABLE y', '`quoted`', 'naïve', 'a'.repeat(129)])(
    'rejects %j with a non-retriable typed error',
    (name) => {
      expect(() => assertIdentifier(name)).toThrow(InvalidIdentifierError);
      expect(isIdentifier(name)).toBe(false);
    },
  );
});
