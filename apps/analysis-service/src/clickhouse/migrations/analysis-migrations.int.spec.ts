import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClickHouse, runClickHouseMigrations, type ClickHousePort } from '@xp/clickhouse';
import { analysisClickHouseMigrations } from './index';

const exposure = (unit: string, variant: string, ts: string, offset: number) => ({
  id: `id-${offset}`,
  experiment_key: 'exp',
  flag_key: 'flag',
  variant,
  unit_id: unit,
  ts,
  kafka_topic: 't',
  kafka_partition: 0,
  kafka_offset: offset,
});

describe('analysis ClickHouse schema (embedded)', () => {
  let dir: string;
  let ch: ClickHousePort;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xp-analysis-schema-'));
    ch = await createClickHouse({ path: dir, database: 'xp' });
  });

  afterAll(async () => {
    await ch.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies once and skips on a second run', async () => {
    expect((await runClickHouseMigrations(ch, analysisClickHouseMigrations)).applied).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await runClickHouseMigrations(ch, analysisClickHouseMigrations)).skipped).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('keeps the first variant and time per unit, counts variants, and drops a retried block in raw table and view', async () => {
    const block = [
      exposure('u1', 'treatment', '2024-01-02T00:00:00.000Z', 0),
      exposure('u1', 'control', '2024-01-01T00:00:00.000Z', 1),
      exposure('u2', 'control', '2024-01-03T00:00:00.000Z', 2),
      exposure('u2', 'control', '2024-01-04T00:00:00.000Z', 3),
    ];
    await ch.insert('exposures_raw', block, { deduplicationToken: 't:0:0-3' });
    await ch.insert('exposures_raw', block, { deduplicationToken: 't:0:0-3' });

    const raw = await ch.query<{ n: string }>('SELECT count() AS n FROM exposures_raw');
    expect(raw[0].n).toBe('4');
    const states = await ch.query<{ n: string }>('SELECT count() AS n FROM exposure_first_state');
    expect(states[0].n).toBe('2');
    const first = await ch.query('SELECT unit_id, variant, first_exposure_at, variant_count FROM first_exposures ORDER BY unit_id');
    expect(first).toEqual([
      { unit_id: 'u1', variant: 'control', first_exposure_at: '2024-01-01 00:00:00.000', variant_count: 2 },
      { unit_id: 'u2', variant: 'control', first_exposure_at: '2024-01-03 00:00:00.000', variant_count: 1 },
    ]);
  });
});
