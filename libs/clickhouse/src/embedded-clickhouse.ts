import { mkdirSync } from 'node:fs';
import type { Session } from 'chdb';
import { classifyClickHouseError } from './classify-clickhouse-error';
import { ClickHouseUnavailableError } from './clickhouse-error';
import { normalizeDateParams } from './date-param';
import { ClickHousePort, InsertOptions, insertSettings, toJsonEachRow } from './clickhouse-port';
import { assertIdentifier } from './identifier';
import { parseJsonEachRow } from './parse-json-each-row';

/*
 * chdb facts this adapter relies on (checked with chdb 3.4 / libchdb 26.7, see the int spec):
 * - The engine is a process singleton bound to ONE data directory. A second Session at another
 *   path in the same process throws "only one active data directory per process" until the first
 *   is closed (and drainPending() has settled); Sessions at the same path share it.
 * - A second PROCESS opening the same directory fails at once with "Failed to create connection"
 *   (the engine logs "Cannot lock file <dir>/status. Another server instance in same directory is
 *   already running"): no corruption, but only one process may own a data directory.
 * - Loading libchdb.so (~566 MB) costs about 0.5 s on first `require('chdb')` when the file is in
 *   the page cache, and opening a Session about 0.2 s; so chdb is required lazily, only here.
 * - USE and SET persist on a Session's connection, so they are issued once when opening.
 * - Server settings (memory limit, cache sizes) are engine arguments given when the Session opens
 *   (`connectionArgs`, in `clickhouse local` command-line form); SET cannot change them later.
 * - The engine allocates with its own jemalloc, and nothing in chdb does what a ClickHouse server's
 *   MemoryWorker does (purge freed pages when they pile up): sampled every 30 s through a soak,
 *   jemalloc's resident memory ranged 151-362 MB while its allocated memory was 77-144 MB, the rest
 *   freed but dirty pages. `SYSTEM JEMALLOC PURGE` returns them (177 -> 35 MB resident in 20 ms
 *   after a 5M-row sort).
 */

export interface EmbeddedClickHouseOptions {
  path: string;
  database: string;
  /**
   * The engine's `max_server_memory_usage`: past it a query fails with MEMORY_LIMIT_EXCEEDED (a
   * ClickHouseQueryError) instead of growing the process. Unset: the engine's default, 90 % of RAM.
   */
  maxMemoryBytes?: number;
  /** How often freed memory is given back to the OS (`SYSTEM JEMALLOC PURGE`); 0 never. */
  purgeIntervalMs?: number;
}

const DEFAULT_PURGE_INTERVAL_MS = 10_000;

/**
 * The caches' bounds. ClickHouse's defaults are sized for a server owning a machine (5 GiB each for
 * marks, primary index and index marks); an engine inside a service takes a fixed slice instead.
 */
const CACHE_ARGS = [
  '--mark_cache_size=268435456',
  '--primary_index_cache_size=268435456',
  '--index_mark_cache_size=67108864',
  '--vector_similarity_index_cache_size=67108864',
  '--query_condition_cache_size=67108864',
];

/** The engine arguments for `options`: bounded caches and, when given, the memory limit. */
function embeddedEngineArgs(options: Pick<EmbeddedClickHouseOptions, 'maxMemoryBytes'>): string[] {
  const limit = options.maxMemoryBytes === undefined ? [] : [`--max_server_memory_usage=${Math.floor(options.maxMemoryBytes)}`];
  return [...CACHE_ARGS, ...limit];
}

/** Opens (creating if needed) a chdb data directory and the database inside it. */
export async function openEmbeddedClickHouse(options: EmbeddedClickHouseOptions): Promise<ClickHousePort> {
  const database = assertIdentifier(options.database);
  mkdirSync(options.path, { recursive: true });
  const chdb = await import('chdb');
  let session: Session;
  try {
    session = new chdb.Session(options.path, { connectionArgs: embeddedEngineArgs(options) });
  } catch (error) {
    const message = String((error as Error).message);
    const sameProcess = message.includes('one active data directory');
    throw new ClickHouseUnavailableError(
      `cannot open chdb data directory ${options.path}: ${message}` +
        (sameProcess ? '' : ' (only one process may own a chdb data directory; is another service using it?)'),
      { cause: error, retriable: !sameProcess },
    );
  }

  const run = async (sql: string, params?: Record<string, unknown>): Promise<string> => {
    try {
      const result = params
        ? await session.queryBindAsync(sql, normalizeDateParams(params), { format: 'JSONEachRow' })
        : await session.queryAsync(sql, { format: 'JSONEachRow' });
      return result.text();
    } catch (error) {
      throw classifyClickHouseError(error, 'chdb query failed');
    }
  };

  try {
    await run(`CREATE DATABASE IF NOT EXISTS ${database}`);
    await run(`USE ${database}`);
    // The ClickHouse default (chdb turns it off): keep 64-bit integers exact, as the server adapter does.
    await run('SET output_format_json_quote_64bit_integers = 1');
  } catch (error) {
    session.close();
    throw error;
  }

  let closed = false;
  let purging = false;
  const purgeIntervalMs = options.purgeIntervalMs ?? DEFAULT_PURGE_INTERVAL_MS;
  const purgeTimer =
    purgeIntervalMs > 0
      ? setInterval(() => {
          if (purging || closed) return;
          purging = true;
          // A failed purge only leaves the pages where they were; the next one tries again.
          run('SYSTEM JEMALLOC PURGE').then(
            () => (purging = false),
            () => (purging = false),
          );
        }, purgeIntervalMs).unref()
      : undefined;
  return {
    kind: 'embedded',
    database,
    async exec(sql, params) {
      await run(sql, params);
    },
    async insert(table: string, rows: readonly Record<string, unknown>[], insertOptions?: InsertOptions) {
      const target = `${database}.${assertIdentifier(table)}`;
      if (rows.length === 0) return;
      try {
        await session.insert({
          table: target,
          values: Buffer.from(toJsonEachRow(rows), 'utf8'),
          format: 'JSONEachRow',
          settings: insertSettings(insertOptions),
        });
      } catch (error) {
        throw classifyClickHouseError(error, `chdb insert into ${target} failed`);
      }
    },
    async query<T>(sql: string, params?: Record<string, unknown>) {
      return parseJsonEachRow<T>(await run(sql, params));
    },
    async ping() {
      try {
        await run('SELECT 1');
      } catch (error) {
        throw new ClickHouseUnavailableError(`chdb does not answer: ${(error as Error).message}`, { cause: error });
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(purgeTimer);
      session.close();
      // close() defers the native teardown behind running operations; waiting here means the
      // directory is really released when close() resolves (so another path can be opened).
      await chdb.drainPending();
    },
  };
}
