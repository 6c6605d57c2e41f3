import type { Session } from 'chdb';
import { classifyClickHouseError } from './classify-clickhouse-error';
import { assertIdentifier } from './identifier';

/** What one analyst query may use; enforced by ClickHouse itself on a read-only connection. */
export interface ReadOnlyLimits {
  maxExecutionSeconds: number;
  maxResultRows: number;
  maxResultBytes: number;
  maxMemoryBytes: number;
  /**
   * What a GROUP BY or an ORDER BY may hold in memory before it goes on on disk (ClickHouse's external
   * aggregation and sort): a query over every unit then runs in about this much, instead of growing the
   * service with the data up to maxMemoryBytes.
   */
  spillAboveBytes: number;
  /** Threads a query may use: keep it below the cores so ingestion and the analysis loop go on. */
  maxThreads: number;
}

/** SQL text in, the engine's output in the asked format out; nothing here can write. */
export interface ReadOnlySql {
  text(sql: string, params: Record<string, string>, format: string): Promise<string>;
  close(): Promise<void>;
}

const positiveInteger = (name: string, value: number) => {
  if (!(Number.isInteger(value) && value > 0)) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
};

/**
 * A second chdb Session on the data directory the service already owns (the engine is shared,
 * each Session has its own connection and settings): `readonly = 1` and the limits are SET on
 * it once, so a query can neither write, nor change a setting, nor use a table function that
 * reads files, URLs or other servers. Its queries run beside the ingestion Session's, not in its
 * queue (one query at a time per Session: callers queue).
 */
export async function openEmbeddedReadOnlySql(options: { path: string; database: string; limits: ReadOnlyLimits }): Promise<ReadOnlySql> {
  const database = assertIdentifier(options.database);
  const { limits } = options;
  const chdb = await import('chdb');
  const session: Session = new chdb.Session(options.path);
  const run = async (sql: string, params: Record<string, string>, format: string): Promise<string> => {
    try {
      const result = Object.keys(params).length > 0 ? await session.queryBindAsync(sql, params, { format }) : await session.queryAsync(sql, { format });
      return result.text();
    } catch (error) {
      throw classifyClickHouseError(error, 'query failed');
    }
  };
  try {
    await run(`USE ${database}`, {}, 'TSV');
    await run(
      [
        `SET max_execution_time = ${positiveInteger('maxExecutionSeconds', limits.maxExecutionSeconds)}`,
        `max_result_rows = ${positiveInteger('maxResultRows', limits.maxResultRows)}`,
        `max_result_bytes = ${positiveInteger('maxResultBytes', limits.maxResultBytes)}`,
        "result_overflow_mode = 'throw'",
        `max_memory_usage = ${positiveInteger('maxMemoryBytes', limits.maxMemoryBytes)}`,
        `max_bytes_before_external_group_by = ${positiveInteger('spillAboveBytes', limits.spillAboveBytes)}`,
        `max_bytes_before_external_sort = ${limits.spillAboveBytes}`,
        `max_threads = ${positiveInteger('maxThreads', limits.maxThreads)}`,
        'output_format_json_quote_64bit_integers = 1',
      ].join(', '),
      {},
      'TSV',
    );
    // Last: from here on no setting can change on this connection.
    await run('SET readonly = 1', {}, 'TSV');
  } catch (error) {
    session.close();
    throw error;
  }
  let closed = false;
  return {
    text: run,
    async close() {
      if (closed) return;
      closed = true;
      session.close();
    },
  };
}
