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

function delivery(from: number, to: number, at: { partition: number; groupJoins: number } = { partition: 2, groupJoins: 1 }): [ConsumedRecord<'exposure'>[], BatchInfo] {
  const records = produced.slice(from, to + 1).map((envelope, i) => ({
    key: envelope.data.unitId,
    envelope,
    partition: at.partition,
    offset: String(from + i),
    headers: {},
  }));
  return [records, { topic: TOPIC, partition: at.partition, firstOffset: String(from), lastOffset: String(to), highWatermark: '10', groupJoins: at.groupJoins }];
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

  it('re-reads the watermark after its consumer rejoined the group, so rows another member stored meanwhile are not inserted twice', async () => {
    const writer = new RawTableWriter(ch, exposureTarget, noIngestionMetrics);
    await writer.write(...delivery(0, 4, { partition: 5, groupJoins: 1 }));
    // While this member was out of the group, another one got partition 5 and stored 5..7.
    await new RawTableWriter(ch, exposureTarget, noIngestionMetrics).write(...delivery(5, 7, { partition: 5, groupJoins: 1 }));
    // Back in the group (second join), it is handed 5..9: only 8 and 9 are new.
    await writer.write(...delivery(5, 9, { partition: 5, groupJoins: 2 }));

    expect(await count('SELECT count() AS n FROM exposures_raw WHERE kafka_partition = 5')).toBe('10');
    expect(await count('SELECT uniqExact(kafka_offset) AS n FROM exposures_raw WHERE kafka_partition = 5')).toBe('10');
  });
});
