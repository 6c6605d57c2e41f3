import { Readable } from 'node:stream';
import { classifyClickHouseError } from './classify-clickhouse-error';
import { ClickHouseUnavailableError } from './clickhouse-error';
import { ClickHousePort, InsertOptions, insertSettings, toJsonEachRow } from './clickhouse-port';
import { assertIdentifier } from './identifier';

/** Connects to a ClickHouse server over HTTP and creates the database if it is missing. */
export async function openServerClickHouse(options: {
  url: string;
  database: string;
  username?: string;
  password?: string;
}): Promise<ClickHousePort> {
  const database = assertIdentifier(options.database);
  const { createClient } = await import('@clickhouse/client');
  const credentials = { url: options.url, username: options.username, password: options.password };

  // The database cannot be the client's default before it exists.
  const admin = createClient(credentials);
  try {
    await admin.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
  } catch (error) {
    throw classifyClickHouseError(error, `cannot create database ${database} on ${options.url}`);
  } finally {
    await admin.close();
  }

  const client = createClient({
    ...credentials,
    database,
    clickhouse_settings: { output_format_json_quote_64bit_integers: 1 },
  });

  return {
    kind: 'server',
    database,
    async exec(sql, params) {
      try {
        await client.command({ query: sql, query_params: params });
      } catch (error) {
        throw classifyClickHouseError(error, 'ClickHouse statement failed');
      }
    },
    async insert(table: string, rows: readonly Record<string, unknown>[], insertOptions?: InsertOptions) {
      const target = `${database}.${assertIdentifier(table)}`;
      if (rows.length === 0) return;
      try {
        // A raw JSONEachRow stream: the same bytes the embedded adapter sends (bigint-safe).
        await client.insert({
          table: target,
          values: Readable.from([toJsonEachRow(rows)], { objectMode: false }),
          format: 'JSONEachRow',
          clickhouse_settings: insertSettings(insertOptions),
        });
      } catch (error) {
        throw classifyClickHouseError(error, `ClickHouse insert into ${target} failed`);
      }
    },
    async query<T>(sql: string, params?: Record<string, unknown>) {
      try {
        const result = await client.query({ query: sql, query_params: params, format: 'JSONEachRow' });
        return await result.json<T>();
      } catch (error) {
        throw classifyClickHouseError(error, 'ClickHouse query failed');
      }
    },
    async ping() {
      try {
        await (await client.query({ query: 'SELECT 1', format: 'JSONEachRow' })).json();
      } catch (error) {
        throw new ClickHouseUnavailableError(`ClickHouse at ${options.url} does not answer: ${(error as Error).message}`, {
          cause: error,
        });
      }
    },
    async close() {
      await client.close();
    },
  };
}
