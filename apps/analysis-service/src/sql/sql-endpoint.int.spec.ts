import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import type { ClickHousePort } from '@xp/clickhouse';
import { bootstrapService, loadConfig, type RunningService } from '@xp/platform';
import { AppModule } from '../app.module';
import { CLICKHOUSE } from '../connections/tokens';

const READER = 'dev-reader-key';
const MAX_ROWS = 1000;

/** The SQL blocks of the analysis-service README's "Example analyst queries". */
function readmeQueries(): string[] {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Example analyst queries'), readme.indexOf('## How results and decisions are computed'));
  return [...section.matchAll(/```sql\n([\s\S]*?)```/g)].flatMap((m) => m[1].split(/;\s*\n/).map((q) => q.trim()).filter((q) => q.length > 0));
}

/*
 * analysis-service on embedded chdb, queried the way analysts' tools do: @clickhouse/client (as
 * Grafana's and BI tools' HTTP clients do) and plain HTTP, with reader keys; hostile queries are
 * refused with ClickHouse's own error shape and leave the data as it was.
 */
describe('the analysts SQL endpoint (ClickHouse HTTP interface on the embedded engine)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xp-analysis-sql-'));
  let service: RunningService;
  let clickhouse: ClickHousePort;
  let client: ClickHouseClient;

  const rows = async () => (await clickhouse.query<{ e: string; x: string }>('SELECT (SELECT count() FROM events_raw) AS e, (SELECT count() FROM exposures_raw) AS x'))[0];
  const http = (path: string, init: RequestInit = {}) => fetch(`${service.url}${path}`, init);

  beforeAll(async () => {
    const config = loadConfig('analysis-service', {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      API_KEYS: '',
      CLICKHOUSE_PATH: dir,
      ANALYSIS_INTERVAL_MS: '3600000',
      SQL_MAX_RESULT_ROWS: String(MAX_ROWS),
      SQL_MAX_EXECUTION_S: '2',
      SQL_SPILL_BYTES: '10000000',
    });
    service = await bootstrapService(AppModule.forRoot(config), config);
    clickhouse = service.app.get<ClickHousePort>(CLICKHOUSE);
    await clickhouse.insert(
      'events_raw',
      Array.from({ length: 20 }, (_, i) => ({ id: `e${i}`, unit_id: `u${i % 5}`, event: 'purchase', value: i, properties: {}, ts: '2026-11-01 00:00:00', kafka_topic: 't', kafka_partition: 0, kafka_offset: i })),
    );
    await clickhouse.insert(
      'exposures_raw',
      Array.from({ length: 5 }, (_, i) => ({ id: `x${i}`, experiment_key: 'checkout-v2', flag_key: 'f', variant: i % 2 ? 'on' : 'off', unit_id: `u${i}`, ts: '2026-10-31 00:00:00', kafka_topic: 't', kafka_partition: 0, kafka_offset: i })),
    );
    client = createClient({ url: service.url, username: 'grafana', password: READER, database: 'xp', compression: { response: true } });
  }, 120_000);

  afterAll(async () => {
    await client?.close();
    await service?.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('answers @clickhouse/client: a select with parameters in JSONEachRow, gzipped, and ping', async () => {
    const result = await client.query({
      query: 'SELECT unit_id, count() AS n, sum(value) AS total FROM events WHERE event = {event:String} AND value >= {min:Float64} GROUP BY unit_id ORDER BY unit_id',
      query_params: { event: 'purchase', min: 10 },
      format: 'JSONEachRow',
    });
    expect(await result.json()).toEqual([
      { unit_id: 'u0', n: '2', total: 25 },
      { unit_id: 'u1', n: '2', total: 27 },
      { unit_id: 'u2', n: '2', total: 29 },
      { unit_id: 'u3', n: '2', total: 31 },
      { unit_id: 'u4', n: '2', total: 33 },
    ]);
    expect((await client.ping()).success).toBe(true);
  });

  it('answers plain HTTP (curl) with the query in the URL or the body, TSV by default, the format from the query or a header', async () => {
    const get = await http(`/?query=${encodeURIComponent('SELECT count() FROM events_raw')}`, { headers: { 'X-ClickHouse-Key': READER } });
    expect(get.status).toBe(200);
    expect(await get.text()).toBe('20\n');
    const post = await http('/', { method: 'POST', body: "SELECT variant, count() AS units FROM first_exposures WHERE experiment_key = 'checkout-v2' GROUP BY variant ORDER BY variant FORMAT TSV", headers: { authorization: `Bearer ${READER}` } });
    expect(await post.text()).toBe('off\t3\non\t2\n');
    const basic = Buffer.from(`anyone:${READER}`).toString('base64');
    const csv = await http('/?query=SELECT%201%20AS%20a', { headers: { authorization: `Basic ${basic}`, 'X-ClickHouse-Format': 'CSVWithNames' } });
    expect(await csv.text()).toBe('"a"\n1\n');
    expect(csv.headers.get('x-clickhouse-format')).toBe('CSVWithNames');
  });

  it.each(readmeQueries().map((q) => [q.split('\n')[0], q] as const))("runs the README's example query %s", async (_first, query) => {
    const result = await client.query({ query, format: 'JSONEachRow' });
    expect(Array.isArray(await result.json())).toBe(true);
  });

  it.each([
    ['INSERT', "INSERT INTO events_raw (id, unit_id, event, ts, kafka_topic, kafka_partition, kafka_offset) VALUES ('h', 'u', 'e', now(), 't', 0, 99)", 403, 'ACCESS_DENIED'],
    ['ALTER', 'ALTER TABLE events_raw DELETE WHERE 1', 403, 'ACCESS_DENIED'],
    ['DROP', 'DROP TABLE events_raw', 403, 'ACCESS_DENIED'],
    ['CREATE', 'CREATE TABLE x (a UInt8) ENGINE = Memory', 403, 'ACCESS_DENIED'],
    ['SET of a limit', 'SET max_result_rows = 100000000', 403, 'ACCESS_DENIED'],
    ['SETTINGS clause raising a limit', 'SELECT 1 SETTINGS max_execution_time = 3600', 403, 'READONLY'],
    ['file()', "SELECT * FROM file('/etc/passwd', 'LineAsString')", 403, 'ACCESS_DENIED'],
    ['url()', "SELECT * FROM url('http://127.0.0.1:1/x', 'CSV', 'a String')", 403, 'ACCESS_DENIED'],
    ['s3()', "SELECT * FROM s3('http://127.0.0.1:1/bucket/key', 'CSV')", 403, 'ACCESS_DENIED'],
    ['remote()', "SELECT * FROM remote('127.0.0.1:9000', system.one)", 403, 'ACCESS_DENIED'],
    ['SYSTEM', 'SYSTEM STOP MERGES', 403, 'ACCESS_DENIED'],
    ['KILL QUERY', 'KILL QUERY WHERE 1', 403, 'ACCESS_DENIED'],
    ['a write to system tables', "INSERT INTO system.settings VALUES ('x')", 403, 'ACCESS_DENIED'],
    ['two statements', 'SELECT 1; DROP TABLE events_raw', 403, 'ACCESS_DENIED'],
    ['a query over the row limit', `SELECT number FROM numbers(${MAX_ROWS * 10})`, 422, 'TOO_MANY_ROWS_OR_BYTES'],
    ['a query over the time limit', 'SELECT count() FROM numbers(100000000000) WHERE sipHash64(number) % 7 = 1', 422, 'TIMEOUT_EXCEEDED'],
    ['an unknown table', 'SELECT * FROM nowhere', 404, 'UNKNOWN_TABLE'],
    ['a misspelled statement', 'SELEC 1', 403, 'ACCESS_DENIED'],
    ['bad syntax', 'SELECT FROM WHERE', 400, 'SYNTAX_ERROR'],
    ['a missing parameter', 'SELECT {x:UInt8}', 400, 'UNKNOWN_QUERY_PARAMETER'],
  ])('refuses %s with a clear ClickHouse error, data unchanged', async (_name, query, status, codeName) => {
    const before = await rows();
    const res = await http('/', { method: 'POST', body: query, headers: { 'X-ClickHouse-Key': READER } });
    const text = await res.text();
    expect({ status: res.status, text }).toEqual({ status, text: expect.stringMatching(new RegExp(`^Code: \\d+\\. DB::Exception: .+\\. \\(${codeName}\\)\\n$`)) });
    expect(res.headers.get('x-clickhouse-exception-code')).toMatch(/^\d+$/);
    expect(await rows()).toEqual(before);
  });

  it('asks for a key (401), refuses an unknown one (401) and an sdk key (403)', async () => {
    const q = `/?query=${encodeURIComponent('SELECT 1')}`;
    expect((await http(q)).status).toBe(401);
    expect(await (await http(q, { headers: { 'X-ClickHouse-Key': 'guessed' } })).text()).toContain('AUTHENTICATION_FAILED');
    const sdk = await http(q, { headers: { authorization: 'Bearer dev-sdk-key' } });
    expect(sdk.status).toBe(403);
    expect(await sdk.text()).toContain('ACCESS_DENIED');
  });

  it('answers a GROUP BY larger than SQL_SPILL_BYTES by going on on disk (external aggregation)', async () => {
    const spilled = async () =>
      Number((await clickhouse.query<{ n: string }>("SELECT sum(value) AS n FROM system.events WHERE event = 'ExternalAggregationWritePart'"))[0].n);
    const before = await spilled();
    const answer = await http('/', { method: 'POST', body: 'SELECT count() FROM (SELECT number AS k, count() FROM numbers(1000000) GROUP BY k)', headers: { 'X-ClickHouse-Key': READER } });
    expect([answer.status, (await answer.text()).trim()]).toEqual([200, '1000000']);
    expect(await spilled()).toBeGreaterThan(before);
  });

  it('does not hold up ingestion: an insert during a slow analyst query finishes first', async () => {
    const order: string[] = [];
    const slow = http('/', { method: 'POST', body: 'SELECT count() FROM numbers(100000000000) WHERE sipHash64(number) % 7 = 1', headers: { 'X-ClickHouse-Key': READER } }).then(async (r) => {
      await r.text();
      order.push('analyst query');
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await clickhouse.insert('events_raw', [{ id: 'during', unit_id: 'u9', event: 'purchase', value: 1, properties: {}, ts: '2026-11-01 00:00:00', kafka_topic: 't', kafka_partition: 1, kafka_offset: 0 }]);
    order.push('insert');
    await slow;
    expect(order).toEqual(['insert', 'analyst query']);
  });
});
