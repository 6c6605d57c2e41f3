import type { ClickHousePort } from '@xp/clickhouse';
import { readTopic, waitFor } from '@xp/kafka/testing';
import type { RunningService } from '@xp/platform';
import { HTTP_LAYER_CASES, rawHttp } from '@xp/platform/testing';
import { IngestionPipeline } from './testing/ingestion-pipeline';

const READER = 'dev-reader-key';
const SDK = 'dev-sdk-key';

interface HostileCase {
  name: string;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  key?: string | null;
  status: number;
  code: string;
}

const results = (key: string) => `/v1/experiments/${key}/results`;

const cases: HostileCase[] = [
  { name: 'results of an unknown experiment (code in lower snake case)', path: results('no-such-experiment'), status: 404, code: 'experiment_not_found' },
  { name: 'results of an upper-case key', path: results('CHECKOUT'), status: 404, code: 'experiment_not_found' },
  { name: 'an SQL-looking key', path: results(encodeURIComponent("x' or 1=1 --")), status: 404, code: 'experiment_not_found' },
  { name: 'a ClickHouse-looking key', path: results(encodeURIComponent("x'); DROP TABLE xp.events_raw; --")), status: 404, code: 'experiment_not_found' },
  { name: 'a path-traversal key', path: results(encodeURIComponent('../../etc/passwd')), status: 404, code: 'experiment_not_found' },
  { name: 'a key with non-ASCII letters', path: results(encodeURIComponent('bücher-😀')), status: 404, code: 'experiment_not_found' },
  { name: 'a key with a NUL character', path: results('a%00b'), status: 400, code: 'bad_url' },
  { name: 'a key with broken percent-encoding', path: results('%E0%A4%A'), status: 400, code: 'bad_url' },
  { name: 'a key of 101 characters', path: results('k'.repeat(101)), status: 414, code: 'uri_too_long' },
  { name: 'an empty key', path: '/v1/experiments//results', status: 404, code: 'not_found' },
  { name: 'a NUL character in the query', path: `${results('x')}?at=%00`, status: 400, code: 'bad_url' },
  { name: 'an unknown route', path: '/v1/experiments', status: 404, code: 'not_found' },
  { name: 'a POST to results', method: 'POST', path: results('x'), status: 404, code: 'not_found' },
  { name: 'a DELETE of results', method: 'DELETE', path: results('x'), status: 404, code: 'not_found' },
  { name: 'a POST to metrics', method: 'POST', path: '/metrics', status: 404, code: 'not_found' },
  { name: 'no API key', path: results('x'), key: null, status: 401, code: 'unauthorized' },
  { name: 'an unknown API key', path: results('x'), key: 'guessed-key', status: 401, code: 'unauthorized' },
  { name: 'an API key of 8,000 characters', path: results('x'), key: 'k'.repeat(8000), status: 401, code: 'unauthorized' },
  { name: 'an empty x-api-key', path: results('x'), key: null, headers: { 'x-api-key': '' }, status: 401, code: 'unauthorized' },
  { name: 'Basic instead of Bearer', path: results('x'), key: null, headers: { authorization: 'Basic ZGV2LXJlYWRlci1rZXk6' }, status: 401, code: 'unauthorized' },
  { name: 'an SDK key on results', path: results('x'), key: SDK, status: 403, code: 'forbidden' },
];

describe('hostile requests to analysis-service, and a hostile batch through the whole ingestion path (real Kafka, chdb)', () => {
  const pipeline = new IngestionPipeline('hostile');
  const { names, kafka, assignment } = pipeline;
  let analysis: RunningService;
  let clickhouse: ClickHousePort;

  const request = async (c: Pick<HostileCase, 'method' | 'path' | 'headers' | 'key'>) => {
    const key = c.key === undefined ? READER : c.key;
    const res = await fetch(`${analysis.url}${c.path}`, { method: c.method ?? 'GET', headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...c.headers } });
    return { status: res.status, body: (await res.json()) as { error: { code: string; message: string } } };
  };
  /** Every table the service writes, by rows: "stores unchanged". */
  const storeState = async () =>
    (await clickhouse.query('SELECT (SELECT count() FROM exposures_raw) AS exposures, (SELECT count() FROM events_raw) AS events, (SELECT count() FROM experiment_results) AS results'))[0];

  beforeAll(async () => {
    await pipeline.start();
    ({ analysis, clickhouse } = pipeline);
  }, 120_000);

  afterAll(() => pipeline.stop(), 60_000);

  it('has at least 25 cases', () => {
    expect(cases.length + HTTP_LAYER_CASES.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cases)('$name -> $status $code, ClickHouse unchanged', async (c) => {
    const before = await storeState();
    const reply = await request(c);
    expect({ status: reply.status, code: reply.body.error?.code }).toEqual({ status: c.status, code: c.code });
    expect(reply.body.error.message.length).toBeGreaterThan(0);
    expect(await storeState()).toEqual(before);
  });

  it.each(HTTP_LAYER_CASES)('$name -> $status $code from the HTTP layer in the JSON error shape, ClickHouse unchanged', async ({ request: raw, status, code }) => {
    const before = await storeState();
    expect(await rawHttp(analysis.url, raw)).toEqual({ status, body: { error: { code, message: expect.any(String) } } });
    expect(await storeState()).toEqual(before);
  });

  it('stores in events_raw the valid events of a batch holding a far-future one: 207 from assignment-service, the rest in ClickHouse', async () => {
    const anHourAgo = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000).toISOString();
    const res = await fetch(`${assignment.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SDK}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        events: [
          { unit: 'pipe-1', event: 'purchase', value: 10, timestamp: anHourAgo },
          { unit: 'pipe-far', event: 'purchase', value: 99, timestamp: 253_402_300_800_000 },
          { unit: 'pipe-2', event: 'signup' },
          { unit: 'pipe-2100', event: 'purchase', timestamp: '2100-01-01T00:00:00Z' },
        ],
      }),
    });
    expect(res.status).toBe(207);
    const body = (await res.json()) as { accepted: number; rejected: Array<{ index: number; errors: Array<{ path: string }> }> };
    expect(body.accepted).toBe(2);
    expect(body.rejected.map((r) => [r.index, r.errors[0].path])).toEqual([
      [1, 'timestamp'],
      [3, 'timestamp'],
    ]);

    const stored = () => clickhouse.query<{ unit_id: string; ts: string }>("SELECT unit_id, toString(ts) AS ts FROM events_raw WHERE startsWith(unit_id, 'pipe-') ORDER BY unit_id");
    await waitFor('the two valid events in events_raw', async () => (await stored()).length >= 2, { timeoutMs: 60_000 });
    const rows = await stored();
    expect(rows.map((r) => r.unit_id)).toEqual(['pipe-1', 'pipe-2']);
    expect(rows[0].ts).toBe(anHourAgo.replace('T', ' ').replace('Z', ''));
    // The refused ones never reached Kafka either: the topic holds exactly the two.
    expect((await readTopic(kafka, names.events, { count: 3, timeoutMs: 3000 })).map((r) => r.key).sort()).toEqual(['pipe-1', 'pipe-2']);
  });

  it('stays ready, as does assignment-service', async () => {
    expect((await fetch(`${analysis.url}/health/ready`)).status).toBe(200);
    expect((await fetch(`${assignment.url}/health/ready`)).status).toBe(200);
  });
});
