/** PostgreSQL could not serve the request for a reason that can go away: retrying later may succeed. */
export class PostgresUnavailableError extends Error {
  readonly code = 'postgres_unavailable';
  readonly retriable = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PostgresUnavailableError';
  }
}

// SQLSTATE classes and codes that mean "the server, not the statement": connection exceptions (08),
// operator intervention such as an admin or crash shutdown or a server still starting (57P01-57P05),
// insufficient resources (53: too many connections, out of memory, disk full).
const OUTAGE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[1-5]|53[0-9A-Z]{3})$/;
// Node's socket errors while connecting or talking to the server.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// pg and pg-pool raise these as plain Errors without a code.
const OUTAGE_MESSAGES = [
  /^Connection terminated/, // "Connection terminated unexpectedly", "... due to connection timeout"
  /^timeout exceeded when trying to connect/, // pg-pool: no connection free within connectionTimeoutMillis
  /^Client has encountered a connection error and is not queryable/,
  /^Cannot use a pool after calling end on the pool/,
  /^Query read timeout/,
];

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  driverError?: unknown;
  errors?: unknown;
}

function isOutage(error: ErrorLike): boolean {
  if (typeof error.code === 'string' && (OUTAGE_SQLSTATE.test(error.code) || NETWORK_CODES.has(error.code))) return true;
  const message = typeof error.message === 'string' ? error.message : '';
  return OUTAGE_MESSAGES.some((pattern) => pattern.test(message));
}

/** The error itself and what it wraps: TypeORM's `driverError`, `cause`, an AggregateError's `errors` (IPv4 + IPv6 refusals). */
function* chainOf(error: unknown, depth = 0): Generator<ErrorLike> {
  if (typeof error !== 'object' || error === null || depth > 5) return;
  const e = error as ErrorLike;
  yield e;
  yield* chainOf(e.driverError, depth + 1);
  yield* chainOf(e.cause, depth + 1);
  if (Array.isArray(e.errors)) for (const inner of e.errors) yield* chainOf(inner, depth + 1);
}

/**
 * A PostgresUnavailableError when `error` (from pg, pg-pool or TypeORM) says the server is down,
 * restarting, unreachable or out of connections; undefined for anything about the statement itself
 * (a constraint violation, a syntax error), which retrying would not fix.
 */
export function classifyPostgresError(error: unknown): PostgresUnavailableError | undefined {
  if (error instanceof PostgresUnavailableError) return error;
  for (const link of chainOf(error)) {
    if (isOutage(link)) return new PostgresUnavailableError(`PostgreSQL is unavailable: ${String(link.message ?? link.code)}`, { cause: error });
  }
  return undefined;
}
