import { createClickHouse } from './create-clickhouse';
import { parseJsonEachRow } from './parse-json-each-row';
import { toJsonEachRow } from './clickhouse-port';

describe('createClickHouse options', () => {
  it('requires either a server url or an embedded data path', async () => {
    await expect(createClickHouse({ database: 'xp' })).rejects.toMatchObject({
      code: 'CLICKHOUSE_INVALID_OPTIONS',
      message: expect.stringContaining('either url (server) or path'),
    });
  });

  it('rejects a database name that is not a plain identifier', async () => {
    await expect(createClickHouse({ path: '/unused', database: 'xp; DROP' })).rejects.toMatchObject({
      code: 'CLICKHOUSE_INVALID_OPTIONS',
      message: expect.stringContaining('database'),
      retriable: false,
    });
  });
});

describe('JSONEachRow encoding', () => {
  it('writes one object per line, bigint as a decimal string and Date as ISO-8601', () => {
    const text = toJsonEachRow([{ n: 2n ** 63n - 1n, at: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)) }, { s: "a'b\n" }]);
    expect(text).toBe('{"n":"9223372036854775807","at":"2024-01-02T03:04:05.006Z"}\n{"s":"a\'b\\n"}\n');
    expect(parseJsonEachRow(text)).toEqual([{ n: '9223372036854775807', at: '2024-01-02T03:04:05.006Z' }, { s: "a'b\n" }]);
  });

  it('parses an empty result as no rows', () => {
    expect(parseJsonEachRow('')).toEqual([]);
  });
});
