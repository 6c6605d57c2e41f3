import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClickHouse } from './create-clickhouse';
import { clickHouseContract } from './testing/clickhouse-contract';

// One chdb data directory for the whole file: the engine binds one directory per process.
const dataDir = mkdtempSync(join(tmpdir(), 'xp-clickhouse-contract-'));

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('embedded ClickHouse (chdb) adapter contract', () => {
  clickHouseContract(() => createClickHouse({ path: dataDir, database: 'xp_contract' }));
});
