import { randomUUID } from 'node:crypto';
import type { ClickHousePort } from '@xp/clickhouse';
import { readTopic, waitFor } from '@xp/kafka/testing';
import { createXpClient } from '@xp/sdk-node';
import { querySufficientStatistics } from './analysis/sufficient-statistics.query';
import { IngestionPipeline } from './testing/ingestion-pipeline';

const SDK = 'dev-sdk-key';
const UNITS = 500;
const HOUR = 3_600_000;

interface TestEvent {
  id: string;
  unit: string;
  event: string;
  value: number;
  timestamp: string;
}

/*
 * The same 1,000 events (with client ids) reach ClickHouse five times over: twice within each
 * batch of the first send, again in a later batch, through the SDK whose first response is lost
 * (so it retries with the same ids), and as a Kafka redelivery of the first send's records. The
 * results and the analysts' `events` view must count each once.
 */
describe('an event id counts once, however often it is sent (assignment-service -> Kafka -> ingestion -> ClickHouse)', () => {
  const pipeline = new IngestionPipeline('dedup');
  const { names, kafka, assignment } = pipeline;
  let clickhouse: ClickHousePort;

  const exposedAt = Math.floor(Date.now() / 1000) * 1000 - 2 * HOUR;
  const events: TestEvent[] = Array.from({ length: 2 * UNITS }, (_, i) => ({
    id: randomUUID(),
    unit: `dedup-u${Math.floor(i / 2)}`,
    event: i % 2 === 0 ? 'dedup_purchase' : 'dedup_view',
    value: 1 + (i % 17),
    timestamp: new Date(exposedAt + HOUR + i).toISOString(),
  }));

  const post = (batch: object[]) =>
    fetch(`${assignment.url}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${SDK}`, 'content-type': 'application/json' }, body: JSON.stringify({ events: batch }) });
  const rawRows = async () => Number((await clickhouse.query<{ n: string }>("SELECT count() AS n FROM events_raw WHERE startsWith(unit_id, 'dedup-')"))[0].n);

  beforeAll(async () => {
    await pipeline.start();
    clickhouse = pipeline.clickhouse;
    // The units' exposures (analysis owns ClickHouse; the path under test is the events').
    await clickhouse.insert(
      'exposures_raw',
      Array.from({ length: UNITS }, (_, u) => ({
        id: `exposure-${u}`,
        experiment_key: 'dedup',
        flag_key: 'dedup',
        variant: u % 2 === 0 ? 'control' : 'treatment',
        unit_id: `dedup-u${u}`,
        ts: new Date(exposedAt).toISOString(),
        kafka_topic: 'test',
        kafka_partition: 0,
        kafka_offset: u,
      })),
    );
  }, 120_000);

  afterAll(() => pipeline.stop(), 60_000);

  it('publishes an id repeated within one batch once, and says which items were repeats', async () => {
    for (const half of [events.slice(0, UNITS), events.slice(UNITS)]) {
      const res = await post([...half, ...half]);
      expect(res.status).toBe(202);
      const body = (await res.json()) as { accepted: number; duplicates: number[] };
      expect(body.accepted).toBe(UNITS);
      expect(body.duplicates).toEqual(Array.from({ length: UNITS }, (_, i) => UNITS + i));
    }
    await waitFor('the first send in events_raw', async () => (await rawRows()) >= 2 * UNITS, { timeoutMs: 60_000 });
  });

  it('stores the later resend, the SDK retry and a Kafka redelivery as rows, and counts every id once in the results and the events view', async () => {
    expect((await post(events)).status).toBe(202);

    // The SDK's first POST reaches the server but its answer is lost: it retries the same batch, same ids.
    let lost = false;
    const sdk = createXpClient({
      baseUrl: assignment.url,
      sdkKey: SDK,
      stream: false,
      logExposures: false,
      maxBatchSize: 2 * UNITS,
      retryBackoff: { initialMs: 10, maxMs: 50, jitter: 'full' },
      fetch: async (url, init) => {
        const response = await fetch(url, init);
        if (String(url).endsWith('/v1/events') && !lost) {
          lost = true;
          throw new TypeError('fetch failed: socket hang up');
        }
        return response;
      },
    });
    for (const e of events) sdk.track(e);
    await sdk.flush();
    await sdk.close();
    expect(lost).toBe(true);

    // Kafka redelivers the first send: the same envelopes again, at new offsets.
    const firstSend = (await readTopic(kafka, names.events, { count: 2 * UNITS, timeoutMs: 10_000 })).slice(0, 2 * UNITS);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: names.events, acks: -1, messages: firstSend.map((r) => ({ key: r.key, value: r.value })) });
    await producer.disconnect();

    // 1,000 (first send) + 1,000 (resend) + 2,000 (SDK and its retry) + 1,000 (redelivery).
    await waitFor('every copy in events_raw', async () => (await rawRows()) >= 10 * UNITS, { timeoutMs: 90_000 });
    expect(await rawRows()).toBe(10 * UNITS);

    const statistics = await querySufficientStatistics(clickhouse, {
      experimentKey: 'dedup',
      metrics: [
        { key: 'purchases', eventName: 'dedup_purchase', kind: 'count' },
        { key: 'revenue', eventName: 'dedup_purchase', kind: 'sum', valueProperty: 'value' },
        { key: 'views', eventName: 'dedup_view', kind: 'count' },
        { key: 'p50', eventName: 'dedup_purchase', kind: 'quantile', valueProperty: 'value', quantile: 0.5 },
      ],
      attributionWindowMs: 7 * 24 * HOUR,
      covariateWindowMs: 0,
    });
    const total = (key: string, field: 'n' | 'sum') => statistics.metrics[key].control[field] + statistics.metrics[key].treatment[field];
    const purchases = events.filter((e) => e.event === 'dedup_purchase');
    expect(total('purchases', 'sum')).toBe(purchases.length);
    expect(total('views', 'sum')).toBe(events.length - purchases.length);
    expect(total('revenue', 'sum')).toBe(purchases.reduce((a, e) => a + e.value, 0));
    expect(statistics.quantiles!.p50.control.events + statistics.quantiles!.p50.treatment.events).toBe(purchases.length);

    const view = await clickhouse.query<{ n: string; total: number }>("SELECT count() AS n, sum(value) AS total FROM events WHERE startsWith(unit_id, 'dedup-')");
    expect(Number(view[0].n)).toBe(events.length);
    expect(view[0].total).toBe(events.reduce((a, e) => a + e.value, 0));
  });

  it('keeps one row per id in the exposures view too', async () => {
    const again = await clickhouse.query<{ n: string }>("SELECT count() AS n FROM exposures WHERE experiment_key = 'dedup'");
    await clickhouse.insert('exposures_raw', [
      { id: 'exposure-0', experiment_key: 'dedup', flag_key: 'dedup', variant: 'control', unit_id: 'dedup-u0', ts: new Date(exposedAt).toISOString(), kafka_topic: 'test', kafka_partition: 1, kafka_offset: 0 },
    ]);
    const after = await clickhouse.query<{ n: string; raw: string }>("SELECT (SELECT count() FROM exposures WHERE experiment_key = 'dedup') AS n, (SELECT count() FROM exposures_raw WHERE experiment_key = 'dedup') AS raw");
    expect(Number(again[0].n)).toBe(UNITS);
    expect(Number(after[0].n)).toBe(UNITS);
    expect(Number(after[0].raw)).toBe(UNITS + 1);
  });
});
