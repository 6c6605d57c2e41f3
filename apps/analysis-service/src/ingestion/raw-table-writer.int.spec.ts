import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClickHouse, runClickHouseMigrations, type ClickHousePort } from '@xp/clickhouse';
import { makeEnvelope } from '@xp/contracts';
import type { BatchInfo, ConsumedRecord } from '@xp/kafka';
import { analysisClickHouseMigrations } from '../clickhouse/migrations';
import { exposureTarget } from './exposure-target';
import { noIngestionMetrics } from './ingestion-metrics';
import { RawTableWriter } from './raw-table-writer';

const TOPIC = 'xp.exposures';
const produced = Array.from({ length: 10 }, (_, i) => makeEnvelope('exposure', { experimentKey: 'w', flagKey: 'f', variant: 'a', unitId: `u-${i}` }));

function delivery(from: number, to: number): [ConsumedRecord<'exposure'>[], BatchInfo] {
  const records = produced.slice(from, to + 1).map((envelope, i) => ({
    key: envelope.data.unitId,
    envelope,
    partition: 2,
    offset: String(from + i),
    headers: {},
  }));
  return [records, { topic: TOPIC, partition: 2, firstOffset: String(from), lastOffset: String(to), highWatermark: '10', groupJoins: 1 }];
}

describe('RawTableWriter (embedded ClickHouse)', () => {
  let dir: string;
  let ch: ClickHousePort;
  const count = async (sql: string) => (await ch.query<{ n: string }>(sql))[0].n;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xp-raw-writer-'));
    ch = await createClickHouse({ path: dir, database: 'xp' });
    await runClickHouseMigrations(ch, analysisClickHouseMigrations);
  });

  afterAll(async () => {
    await ch.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('skips redelivered offsets however the redelivery is split, and repairs the first-exposure view', async () => {
    await new RawTableWriter(ch, exposureTarget, noIngestionMetrics).write(...delivery(0, 4));
    // A crash between the raw insert and the view insert: the view lost what the raw table holds.
    await ch.exec('TRUNCATE TABLE exposure_first_state');

    // A restarted writer gets offsets 0..6 redelivered as one batch (the first run inserted 0..4 as one block).
    const restarted = new RawTableWriter(ch, exposureTarget, noIngestionMetrics);
    await restarted.write(...delivery(0, 6));
    // ...and a second process, split differently again, gets 3..9.
    await new RawTableWriter(ch, exposureTarget, noIngestionMetrics).write(...delivery(3, 9));

    expect(await count('SELECT count() AS n FROM exposures_raw')).toBe('10');
    expect(await count('SELECT uniqExact(id) AS n FROM exposures_raw')).toBe('10');
    expect(await count("SELECT count() AS n FROM first_exposures WHERE experiment_key = 'w'")).toBe('10');
    expect(await ch.query('SELECT kafka_offset FROM exposures_raw ORDER BY kafka_offset LIMIT 2')).toEqual([
      { kafka_offset: '0' },
      { kafka_offset: '1' },
    ]);
  });
});
