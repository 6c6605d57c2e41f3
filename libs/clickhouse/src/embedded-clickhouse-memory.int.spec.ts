import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClickHouseQueryError } from './clickhouse-error';
import type { ClickHousePort } from './clickhouse-port';
import { createClickHouse } from './create-clickhouse';
import { openEmbeddedClickHouse } from './embedded-clickhouse';

// The engine binds one data directory per process: each test opens and closes its own port on it.
const dataDir = mkdtempSync(join(tmpdir(), 'xp-clickhouse-memory-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const MB = 2 ** 20;

/** jemalloc's "resident" bytes (pages it holds from the OS), from the engine's own statistics. */
async function jemallocResident(clickhouse: ClickHousePort): Promise<number> {
  const [row] = await clickhouse.query<Record<string, string>>('SELECT * FROM system.jemalloc_stats');
  const match = /resident: (\d+)/.exec(Object.values(row).join(''));
  if (!match) throw new Error('no resident figure in system.jemalloc_stats');
  return Number(match[1]);
}

const serverSetting = async (clickhouse: ClickHousePort, name: string) =>
  (await clickhouse.query<{ value: string }>('SELECT value FROM system.server_settings WHERE name = {name:String}', { name }))[0]?.value;

// A sort of 5 million strings: a few hundred MB allocated and freed inside the engine.
const BIG_SORT = 'SELECT count() FROM (SELECT toString(number) AS s FROM numbers(5000000) ORDER BY s DESC LIMIT 100000)';

describe('embedded ClickHouse memory', () => {
  it('bounds the caches, and the whole engine when CLICKHOUSE_MAX_MEMORY_BYTES says so', async () => {
    const clickhouse = await createClickHouse({ path: dataDir, database: 'xp_memory', maxMemoryBytes: 300 * MB });
    try {
      expect(await serverSetting(clickhouse, 'max_server_memory_usage')).toBe(String(300 * MB));
      expect(await serverSetting(clickhouse, 'mark_cache_size')).toBe(String(256 * MB));
      expect(await serverSetting(clickhouse, 'primary_index_cache_size')).toBe(String(256 * MB));
      // Past the limit a query fails with a typed, retriable error; the engine stays usable.
      // A hash set of 40 million integers: several hundred MB.
      const overLimit = clickhouse.query('SELECT uniqExact(number) AS n FROM numbers(40000000)');
      await expect(overLimit).rejects.toThrow(ClickHouseQueryError);
      await expect(overLimit).rejects.toMatchObject({ clickhouseCode: 241, retriable: true });
      await expect(clickhouse.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
    } finally {
      await clickhouse.close();
    }
  });

  it('gives freed memory back to the OS on its purge interval', async () => {
    const never = await openEmbeddedClickHouse({ path: dataDir, database: 'xp_memory', purgeIntervalMs: 0 });
    let heldWithoutPurge: number;
    try {
      await never.query(BIG_SORT);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      heldWithoutPurge = await jemallocResident(never);
    } finally {
      await never.close();
    }

    const purging = await openEmbeddedClickHouse({ path: dataDir, database: 'xp_memory', purgeIntervalMs: 200 });
    try {
      await purging.query(BIG_SORT);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const heldWithPurge = await jemallocResident(purging);
      // Without purging jemalloc keeps the sort's freed pages (dirty) well past the 1.5 s waited here.
      expect(heldWithoutPurge).toBeGreaterThan(heldWithPurge + 50 * MB);
    } finally {
      await purging.close();
    }
  });
});
