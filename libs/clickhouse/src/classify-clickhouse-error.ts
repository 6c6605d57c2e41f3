import { ClickHouseAdapterError, ClickHouseQueryError, ClickHouseUnavailableError } from './clickhouse-error';

// Engine codes where the same statement can succeed later: overload, timeouts, network, keeper.
const RETRIABLE_CLICKHOUSE_CODES = new Set([
  3, // UNEXPECTED_END_OF_FILE
  159, // TIMEOUT_EXCEEDED
  164, // READONLY
  202, // TOO_MANY_SIMULTANEOUS_QUERIES
  203, // NO_FREE_CONNECTION
  209, // SOCKET_TIMEOUT
  210, // NETWORK_ERROR
  236, // ABORTED
  241, // MEMORY_LIMIT_EXCEEDED
  242, // TABLE_IS_READ_ONLY
  252, // TOO_MANY_PARTS
  319, // UNKNOWN_STATUS_OF_INSERT
  425, // SYSTEM_ERROR
  999, // KEEPER_EXCEPTION
]);
const NETWORK_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

/** Engine code from an error object (`clickhouseCode` from chdb, numeric string `code` from the HTTP
 * client) or from the "Code: N." prefix ClickHouse puts in its messages. */
function engineCodeOf(error: { code?: unknown; clickhouseCode?: unknown; message?: unknown }): number | undefined {
  if (typeof error.clickhouseCode === 'number') return error.clickhouseCode;
  if (typeof error.code === 'string' && /^\d+$/.test(error.code)) return Number(error.code);
  const match = /Code: (\d+)\./.exec(String(error.message ?? ''));
  return match ? Number(match[1]) : undefined;
}

/** Wraps whatever chdb or @clickhouse/client threw into a typed adapter error, keeping its message. */
export function classifyClickHouseError(error: unknown, context: string): ClickHouseAdapterError {
  if (error instanceof ClickHouseAdapterError) return error;
  const raw = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as {
    code?: unknown;
    clickhouseCode?: unknown;
    message?: unknown;
  };
  const message = `${context}: ${String(raw.message ?? error)}`;
  const clickhouseCode = engineCodeOf(raw);
  if (clickhouseCode !== undefined) {
    return new ClickHouseQueryError(message, {
      cause: error,
      clickhouseCode,
      retriable: RETRIABLE_CLICKHOUSE_CODES.has(clickhouseCode),
    });
  }
  if (raw.code === 'CHDB_CONNECTION' || raw.code === 'CHDB_CLOSED' || raw.code === 'CHDB_TIMEOUT') {
    return new ClickHouseUnavailableError(message, { cause: error, retriable: raw.code !== 'CHDB_CLOSED' });
  }
  if (typeof raw.code === 'string' && NETWORK_ERROR_CODES.has(raw.code)) {
    return new ClickHouseUnavailableError(message, { cause: error });
  }
  return new ClickHouseQueryError(message, { cause: error, retriable: false });
}
