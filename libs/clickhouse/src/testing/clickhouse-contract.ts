import { ClickHouseAdapterError, ClickHouseQueryError, InvalidIdentifierError } from '../clickhouse-error';
import { ClickHousePort } from '../clickhouse-port';
import { ClickHouseMigration } from '../migrations/clickhouse-migration';
import { runClickHouseMigrations } from '../migrations/run-clickhouse-migrations';

/** Opens the adapter under test; opening again must reach the same stored data. */
export type OpenClickHouse = () => Promise<ClickHousePort>;

const MIGRATIONS: ClickHouseMigration[] = [
  {
    version: 1,
    name: 'measurements',
    up: [
      `CREATE TABLE IF NOT EXISTS measurements (variant LowCardinality(String), unit_id String, value Float64)
       ENGINE = MergeTree ORDER BY (variant, unit_id)`,
    ],
  },
  {
    version: 2,
    name: 'texts and dedup',
    up: [
      'CREATE TABLE IF NOT EXISTS texts (id UInt32, body String) ENGINE = MergeTree ORDER BY id',
      `CREATE TABLE IF NOT EXISTS typed (id UInt32, at DateTime64(3, 'UTC'), big Int64, ids Array(String))
       ENGINE = MergeTree ORDER BY id`,
      `CREATE TABLE IF NOT EXISTS batches (id UInt32, note String) ENGINE = MergeTree ORDER BY id
       SETTINGS non_replicated_deduplication_window = 1000`,
    ],
  },
];

const NASTY_STRINGS = [
  "it's",
  'back\\slash \\n not a newline',
  '"double" and `backtick`',
  "'); DROP TABLE texts; --",
  'unicode: ü é 漢字 🚀 \u0000 nul',
  'tab\tand\nnewline',
];

/**
 * The behaviour every ClickHousePort adapter must show. Call inside a `describe`; it opens the port
 * in beforeAll and closes it in afterAll.
 */
export function clickHouseContract(open: OpenClickHouse): void {
  let ch: ClickHousePort;

  beforeAll(async () => {
    ch = await open();
  });
  afterAll(async () => {
    await ch?.close();
  });

  it('answers ping and names its database', async () => {
    await expect(ch.ping()).resolves.toBeUndefined();
    const [row] = await ch.query<{ db: string }>('SELECT currentDatabase() AS db');
    expect(row.db).toBe(ch.database);
  });

  it('applies migrations once: a second run changes nothing and keeps one row per version', async () => {
    const first = await runClickHouseMigrations(ch, MIGRATIONS);
    const tablesAfterFirst = await tableNames(ch);
    const second = await runClickHouseMigrations(ch, MIGRATIONS);

    expect(first).toEqual({ applied: [1, 2], skipped: [] });
    expect(second).toEqual({ applied: [], skipped: [1, 2] });
    expect(await tableNames(ch)).toEqual(tablesAfterFirst);
    expect(tablesAfterFirst).toEqual(['batches', 'measurements', 'schema_migrations', 'texts', 'typed']);
    const recorded = await ch.query<{ version: number; name: string; copies: string }>(
      'SELECT version, any(name) AS name, count() AS copies FROM schema_migrations GROUP BY version ORDER BY version',
    );
    expect(recorded).toEqual([
      { version: 1, name: 'measurements', copies: '1' },
      { version: 2, name: 'texts and dedup', copies: '1' },
    ]);
  });

  it('refuses to run when an applied migration was edited', async () => {
    const edited = [MIGRATIONS[0], { ...MIGRATIONS[1], up: [...MIGRATIONS[1].up, 'SELECT 1'] }];
    await expect(runClickHouseMigrations(ch, edited)).rejects.toMatchObject({
      code: 'MIGRATION_CHECKSUM_MISMATCH',
      retriable: false,
    });
  });

  it('returns exact group-by sums and counts of inserted rows', async () => {
    await ch.insert('measurements', [
      { variant: 'control', unit_id: 'u1', value: 1.5 },
      { variant: 'control', unit_id: 'u2', value: 2.25 },
      { variant: 'control', unit_id: 'u3', value: 3 },
      { variant: 'treatment', unit_id: 'u4', value: 10 },
      { variant: 'treatment', unit_id: 'u5', value: 0.125 },
    ]);
    const rows = await ch.query(
      `SELECT variant, count() AS n, sum(value) AS total, sum(value * value) AS total_sq
       FROM measurements WHERE variant IN {variants:Array(String)} GROUP BY variant ORDER BY variant`,
      { variants: ['control', 'treatment'] },
    );
    expect(rows).toEqual([
      { variant: 'control', n: '3', total: 6.75, total_sq: 16.3125 },
      { variant: 'treatment', n: '2', total: 10.125, total_sq: 100.015625 },
    ]);
  });

  it('round-trips quotes, backslashes and unicode as parameters without changing the SQL', async () => {
    for (const text of NASTY_STRINGS) {
      const [echo] = await ch.query<{ text: string }>('SELECT {text:String} AS text', { text });
      expect(echo.text).toBe(text);
    }
    await ch.insert('texts', NASTY_STRINGS.map((body, id) => ({ id, body })));
    await ch.exec('INSERT INTO texts SELECT {id:UInt32}, {body:String}', { id: 100, body: NASTY_STRINGS[3] });

    const found = await ch.query<{ id: number }>('SELECT id FROM texts WHERE body = {body:String} ORDER BY id', {
      body: NASTY_STRINGS[3],
    });
    expect(found).toEqual([{ id: 3 }, { id: 100 }]);
    const stored = await ch.query<{ body: string }>('SELECT body FROM texts WHERE id < 100 ORDER BY id');
    expect(stored.map((row) => row.body)).toEqual(NASTY_STRINGS);
    const injected = await ch.query('SELECT id FROM texts WHERE body = {body:String}', { body: "x' OR '1'='1" });
    expect(injected).toEqual([]);
  });

  it('stores Date as exact milliseconds and bigint exactly, and binds Date and array parameters', async () => {
    const at = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6));
    await ch.insert('typed', [{ id: 1, at, big: 2n ** 62n + 1n, ids: ['a', "b'"] }]);
    const rows = await ch.query(
      `SELECT id, toString(at) AS at_text, big, ids FROM typed
       WHERE at = {at:DateTime64(3)} AND at > {before:DateTime64(3)} AND has({ids:Array(String)}, ids[2])`,
      { at, before: new Date(at.getTime() - 1), ids: ["b'"] },
    );
    expect(rows).toEqual([{ id: 1, at_text: '2024-01-02 03:04:05.006', big: '4611686018427387905', ids: ['a', "b'"] }]);
  });

  it('keeps one copy of a block inserted twice with the same deduplication token, two with different tokens', async () => {
    const block = [
      { id: 1, note: 'first' },
      { id: 2, note: 'second' },
    ];
    await ch.insert('batches', block, { deduplicationToken: 'xp.events:0:0-1' });
    await ch.insert('batches', block, { deduplicationToken: 'xp.events:0:0-1' });
    expect(await countRows(ch, 'batches')).toBe('2');

    await ch.insert('batches', block, { deduplicationToken: 'xp.events:0:2-3' });
    expect(await countRows(ch, 'batches')).toBe('4');
  });

  it('sends extra insert settings to the engine (input_format_skip_unknown_fields=0 rejects an unknown column)', async () => {
    const row = [{ id: 10, note: 'settings', unknown_column: 1 }];
    await expect(ch.insert('batches', row, { settings: { input_format_skip_unknown_fields: 0 } })).rejects.toBeInstanceOf(ClickHouseQueryError);
    await expect(ch.insert('batches', row, { settings: { input_format_skip_unknown_fields: 1 } })).resolves.toBeUndefined();
  });

  it('rejects a table name that is not a plain identifier before reaching the engine', async () => {
    await expect(ch.insert('texts; DROP TABLE texts', [{ id: 1 }])).rejects.toBeInstanceOf(InvalidIdentifierError);
    await expect(ch.insert('other_db.texts', [{ id: 1 }])).rejects.toMatchObject({ code: 'CLICKHOUSE_INVALID_IDENTIFIER' });
    expect(await countRows(ch, 'texts')).toBe(String(NASTY_STRINGS.length + 1));
  });

  it('wraps engine errors in typed errors that keep the ClickHouse message and code', async () => {
    const syntax = await ch.query('SELEC 1').catch((error: unknown) => error);
    expect(syntax).toBeInstanceOf(ClickHouseQueryError);
    expect(syntax).toMatchObject({ code: 'CLICKHOUSE_QUERY', retriable: false, clickhouseCode: 62 });
    expect((syntax as Error).message).toContain('Syntax error');

    const missing = await ch.exec('SELECT * FROM no_such_table').catch((error: unknown) => error);
    expect(missing).toMatchObject({ clickhouseCode: 60, retriable: false });
    expect((missing as Error).message).toContain('no_such_table');

    const badRow = await ch.insert('texts', [{ id: 'not a number', body: 'x' }]).catch((error: unknown) => error);
    expect(badRow).toBeInstanceOf(ClickHouseAdapterError);
    expect(badRow).toMatchObject({ code: 'CLICKHOUSE_QUERY', clickhouseCode: expect.any(Number) });
  });

  it('keeps data after close and reopen', async () => {
    await ch.close();
    ch = await open();
    expect(await countRows(ch, 'measurements')).toBe('5');
    const migrations = await ch.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(migrations).toEqual([{ version: 1 }, { version: 2 }]);
  });
}

async function tableNames(ch: ClickHousePort): Promise<string[]> {
  const rows = await ch.query<{ name: string }>(
    'SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name',
  );
  return rows.map((row) => row.name);
}

async function countRows(ch: ClickHousePort, table: string): Promise<string> {
  const [row] = await ch.query<{ n: string }>(`SELECT count() AS n FROM ${table}`);
  return row.n;
}
