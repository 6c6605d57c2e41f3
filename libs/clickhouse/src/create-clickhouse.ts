import { ClickHouseAdapterError } from './clickhouse-error';
import { ClickHouseOptions, clickHouseOptionsSchema } from './clickhouse-options';
import { ClickHousePort } from './clickhouse-port';
import { openEmbeddedClickHouse } from './embedded-clickhouse';
import { openServerClickHouse } from './server-clickhouse';

/** A server adapter when `url` is given, otherwise the embedded engine on `path`. */
export async function createClickHouse(options: ClickHouseOptions): Promise<ClickHousePort> {
  const result = clickHouseOptionsSchema.safeParse(options);
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new ClickHouseAdapterError('CLICKHOUSE_INVALID_OPTIONS', `invalid ClickHouse options: ${detail}`, false);
  }
  const parsed = result.data;
  if (parsed.url !== undefined) {
    return openServerClickHouse({ ...parsed, url: parsed.url });
  }
  return openEmbeddedClickHouse({ path: parsed.path as string, database: parsed.database, maxMemoryBytes: parsed.maxMemoryBytes });
}
