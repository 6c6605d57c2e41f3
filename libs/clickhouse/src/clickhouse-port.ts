/**
 * The one way services talk to ClickHouse, embedded (chdb) or server (HTTP).
 *
 * - Values always travel as query parameters: write `{name:Type}` in the SQL and pass `params`;
 *   never paste values into SQL text.
 * - Every statement runs in the database given at creation (created if missing).
 * - Results come back as JSONEachRow objects with ClickHouse's default JSON output: 64-bit integers
 *   (count(), sum() of integers, UInt64/Int64 columns) arrive as STRINGS, so no precision is lost;
 *   cast in SQL (toFloat64, toUInt32) or parse them with zod (`z.coerce.number()`).
 */
export interface ClickHousePort {
  readonly kind: 'embedded' | 'server';
  readonly database: string;
  /** Runs a statement that returns no rows (DDL, INSERT ... SELECT, ...). */
  exec(sql: string, params?: Record<string, unknown>): Promise<void>;
  /**
   * Inserts rows as JSONEachRow into `table` (a plain identifier in this database). With a
   * `deduplicationToken`, a retry of the same block is dropped by ClickHouse (MergeTree tables need
   * the `non_replicated_deduplication_window` setting for that).
   */
  insert(table: string, rows: readonly Record<string, unknown>[], options?: InsertOptions): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: Record<string, unknown>): Promise<T[]>;
  /** Resolves when the engine answers `select 1`; throws ClickHouseUnavailableError otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface InsertOptions {
  deduplicationToken?: string;
  /**
   * Extra ClickHouse settings for this insert (e.g. `deduplicate_blocks_in_dependent_materialized_views: 1`),
   * sent the same way by both adapters. The date format and the deduplication token above always win.
   */
  settings?: Readonly<Record<string, string | number>>;
}

/** Settings every insert carries, on both adapters, so rows mean the same thing everywhere. */
export function insertSettings(options?: InsertOptions): Record<string, string | number> {
  return {
    ...options?.settings,
    // Date objects serialize to ISO-8601 strings ('2024-01-01T00:00:00.000Z').
    date_time_input_format: 'best_effort',
    ...(options?.deduplicationToken ? { insert_deduplication_token: options.deduplicationToken } : {}),
  };
}

/** One JSON row; bigint values become decimal strings, which ClickHouse reads for Int64/UInt64. */
export function stringifyRow(row: unknown): string {
  return JSON.stringify(row, (_key, value) => (typeof value === 'bigint' ? value.toString() : value));
}

/** JSONEachRow payload: one row per line. */
export function toJsonEachRow(rows: readonly Record<string, unknown>[]): string {
  return rows.map(stringifyRow).join('\n') + '\n';
}
