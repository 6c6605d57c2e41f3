import type { ClickHouseClientConfigOptions } from '@clickhouse/client';
import { classifyClickHouseError } from './classify-clickhouse-error';
import { ClickHouseUnavailableError } from './clickhouse-error';
import { normalizeDateParams } from './date-param';
import { ClickHousePort, InsertOptions, insertSettings, stringifyRow } from './clickhouse-port';
import { assertIdentifier } from './identifier';

/** Connects to a ClickHouse server over HTTP and creates the database if it is missing. */
export async function openServerClickHouse(options: {
  url: string;
  database: string;
  username?: string;
  password?: string;
  /** Replaces the HTTP transport, one per client (tests drive this adapter through chdb/connection). */
  connection?: () => Promise<NonNullable<ClickHouseClientConfigOptions['connection']>>;
}): Promise<ClickHousePort> {
  const database = assertIdentifier(options.database);
  const { createClient } = await import('@clickhouse/client');
  const credentials = async () => ({
    url: options.url,
    username: options.username,
    password: options.password,
    connection: await options.connection?.(),
  });

  // The database cannot be the client's default before it exists.
  const admin = createClient(await credentials());
  try {
    await admin.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
  } catch (error) {
    throw classifyClickHouseError(error, `cannot create database ${database} on ${options.url}`);
  } finally {
    await admin.close();
  }

  const client = createClient({
    ...(await credentials()),
    json: { parse: JSON.parse, stringify: stringifyRow },
    database,
    clickhouse_settings: { output_format_json_quote_64bit_integers: 1 },
  });

  return {
    kind: 'server',
    database,
    async exec(sql, params) {
      try {
        await client.command({ query: sql, query_params: params && normalizeDateParams(params) });
      } catch (error) {
        throw classifyClickHouseError(error, 'ClickHouse statement failed');
      }
    },
    async insert(table: string, rows: readonly Record<string, unknown>[], insertOptions?: InsertOptions) {
      const target = `${database}.${assertIdentifier(table)}`;
      if (rows.length === 0) return;
      try {
        // The client writes each row with stringifyRow: the same bytes the embedded adapter sends.
        await client.insert({
          table: target,
          values: rows as Record<string, unknown>[],
          format: 'JSONEachRow',
          clickhouse_settings: insertSettings(insertOptions),
        });
      } catch (error) {
        throw classifyClickHouseError(error, `ClickHouse insert into ${target} failed`);
      }
    },
    async query<T>(sql: string, params?: Record<string, unknown>) {
      try {
        const result = await client.query({ query: sql, query_params: params && normalizeDateParams(params), format: 'JSONEachRow' });
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
