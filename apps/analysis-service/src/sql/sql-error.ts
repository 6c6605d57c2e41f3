/**
 * An error in ClickHouse's own HTTP shape, so that clients (@clickhouse/client, Grafana, curl)
 * show it as they show a server's: the text "Code: N. DB::Exception: message. (NAME)" and the
 * header X-ClickHouse-Exception-Code. This endpoint alone speaks that dialect instead of the
 * platform's JSON errors: it is a ClickHouse endpoint.
 */
export class SqlError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    readonly codeName: string,
    message: string,
  ) {
    super(message);
  }

  get text(): string {
    return `Code: ${this.code}. DB::Exception: ${this.message}. (${this.codeName})\n`;
  }
}

// ClickHouse codes by what they mean for the caller.
const NOT_FOUND = new Set([60, 81, 390]); // UNKNOWN_TABLE, UNKNOWN_DATABASE, CANNOT_GET_CREATE_TABLE_QUERY
const FORBIDDEN = new Set([164, 497]); // READONLY, ACCESS_DENIED
const OVER_LIMITS = new Set([158, 159, 241, 396, 307]); // TOO_MANY_ROWS, TIMEOUT_EXCEEDED, MEMORY_LIMIT_EXCEEDED, TOO_MANY_ROWS_OR_BYTES, TOO_MANY_BYTES
const BUSY = new Set([202, 203]); // TOO_MANY_SIMULTANEOUS_QUERIES, NO_FREE_CONNECTION

/** HTTP status of an engine error: 404 unknown names, 403 refused, 422 over the limits, 503 busy, else 400 (the query). */
export function statusOfEngineCode(code: number): number {
  if (NOT_FOUND.has(code)) return 404;
  if (FORBIDDEN.has(code)) return 403;
  if (OVER_LIMITS.has(code)) return 422;
  if (BUSY.has(code)) return 503;
  return 400;
}

/** The engine's "Code: N. DB::Exception: ... (NAME)" text split into its parts. */
export function fromEngineMessage(message: string): SqlError | undefined {
  const match = /Code: (\d+)\. DB::Exception: ([\s\S]*?)\.? \(([A-Z_]+)\)/.exec(message);
  if (!match) return undefined;
  const code = Number(match[1]);
  return new SqlError(statusOfEngineCode(code), code, match[3], match[2].replace(/^Code: \d+\. DB::Exception: /, ''));
}
