import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ClickHouseUnavailableError } from './clickhouse-error';
import { createClickHouse } from './create-clickhouse';

// What chdb allows per process and per data directory: the facts the analysis-service and the
// local launcher rely on (only one process may own a directory; one directory per process).

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'xp-clickhouse-process-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A separate Node process opens `dir` with plain chdb and counts rows of xp_process.t. */
async function countFromAnotherProcess(dir: string): Promise<string> {
  const script = `
    const { Session } = require('chdb');
    try {
      const s = new Session(process.argv[1]);
      s.queryAsync('SELECT count() FROM xp_process.t', { format: 'TSV' })
        .then((r) => { console.log('rows:' + r.text().trim()); s.close(); });
    } catch (e) { console.log('error:' + e.code); }`;
  const { stdout } = await run(process.execPath, ['-e', script, dir], { cwd: process.cwd() });
  return stdout.trim();
}

describe('embedded ClickHouse data directories', () => {
  const dir = join(root, 'owned');

  it('a second process cannot open a data directory this process holds open', async () => {
    const ch = await createClickHouse({ path: dir, database: 'xp_process' });
    try {
      await ch.exec('CREATE TABLE t (id UInt32) ENGINE = MergeTree ORDER BY id');
      await ch.insert('t', [{ id: 1 }, { id: 2 }, { id: 3 }]);
      expect(await countFromAnotherProcess(dir)).toBe('error:CHDB_CONNECTION');
    } finally {
      await ch.close();
    }
  });

  it('after close, another process opens the directory and reads the rows from disk', async () => {
    expect(await countFromAnotherProcess(dir)).toBe('rows:3');
  });

  it('one process cannot hold two data directories at once, but can switch after close', async () => {
    const first = await createClickHouse({ path: join(root, 'first'), database: 'xp_process' });
    const second = await createClickHouse({ path: join(root, 'second'), database: 'xp_process' }).catch((e) => e);
    await first.close();

    expect(second).toBeInstanceOf(ClickHouseUnavailableError);
    expect(second).toMatchObject({ code: 'CLICKHOUSE_UNAVAILABLE', retriable: false });
    expect(second.message).toContain('only one active data directory per process');

    const reopened = await createClickHouse({ path: join(root, 'second'), database: 'xp_process' });
    await expect(reopened.ping()).resolves.toBeUndefined();
    await reopened.close();
  });

  it('ping fails with a typed unavailable error once the port is closed', async () => {
    const ch = await createClickHouse({ path: dir, database: 'xp_process' });
    await ch.close();
    await expect(ch.ping()).rejects.toBeInstanceOf(ClickHouseUnavailableError);
  });
});
