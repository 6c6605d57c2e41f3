import { randomUUID } from 'node:crypto';
import type { ReadOnlySql } from '@xp/clickhouse';
import { roleSatisfies, type ApiKeyRegistry } from '@xp/platform';
import type { ClickHouseHttpRequest } from './clickhouse-http-request';
import { fromEngineMessage, SqlError } from './sql-error';
import { astProblem, textProblem, type StatementProblem } from './statement-guard';

export interface SqlAnswer {
  body: string;
  format: string;
  queryId: string;
}

/** Analyst queries waiting for the read-only connection beyond this are refused (503, retry). */
export const MAX_WAITING_QUERIES = 8;

const asError = (p: StatementProblem) => new SqlError(403, p.code, p.name, p.message);

/**
 * Runs one analyst query on the read-only connection: the key (reader role or above), the
 * database, the statement (one reading statement, no outside table function), then the query,
 * one at a time (the connection runs one query at a time; ingestion has its own).
 */
export class SqlService {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  constructor(
    private readonly sql: ReadOnlySql | undefined,
    private readonly keys: ApiKeyRegistry,
    private readonly database: string,
  ) {}

  async run(request: ClickHouseHttpRequest, queryId: string = randomUUID()): Promise<SqlAnswer> {
    this.authorize(request.key);
    const sql = this.sql;
    if (!sql) {
      throw new SqlError(501, 48, 'NOT_IMPLEMENTED', 'analysis-service uses a ClickHouse server (CLICKHOUSE_URL): analysts query that server directly');
    }
    if (request.database !== undefined && request.database !== this.database && request.database !== 'default') {
      throw new SqlError(404, 81, 'UNKNOWN_DATABASE', `Database ${request.database} is not served here: this endpoint serves ${this.database} (name system tables as system.<table>)`);
    }
    const problem = textProblem(request.query);
    if (problem) throw asError(problem);
    if (this.waiting >= MAX_WAITING_QUERIES) {
      throw new SqlError(503, 202, 'TOO_MANY_SIMULTANEOUS_QUERIES', `${this.waiting} analyst queries are already waiting; retry later`);
    }
    this.waiting += 1;
    const turn = this.tail.then(() => this.execute(sql, request));
    this.tail = turn.catch(() => undefined);
    try {
      return { body: await turn, format: request.format, queryId };
    } finally {
      this.waiting -= 1;
    }
  }

  private authorize(key: string | undefined): void {
    if (key === undefined) {
      throw new SqlError(401, 194, 'REQUIRED_PASSWORD', 'Send an API key: Authorization: Bearer <key>, or as the password of HTTP basic auth or X-ClickHouse-Key (any user name)');
    }
    const caller = this.keys.identify(key);
    if (!caller) throw new SqlError(401, 516, 'AUTHENTICATION_FAILED', 'Unknown API key');
    if (!roleSatisfies(caller.role, ['reader'])) throw new SqlError(403, 497, 'ACCESS_DENIED', `SQL needs role reader or admin; the key has role ${caller.role}`);
  }

  private async execute(sql: ReadOnlySql, request: ClickHouseHttpRequest): Promise<string> {
    try {
      const ast = await sql.text(`EXPLAIN AST ${request.query.replace(/;\s*$/, '')}`, request.params, 'TSVRaw');
      const problem = astProblem(ast);
      if (problem) throw asError(problem);
      return await sql.text(request.query, request.params, request.format);
    } catch (err) {
      if (err instanceof SqlError) throw err;
      const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : String((err as Error)?.message ?? err);
      throw fromEngineMessage(cause) ?? new SqlError(503, 210, 'NETWORK_ERROR', `ClickHouse did not answer: ${cause}`);
    }
  }
}
