/** Base of every error raised by the ClickHouse adapter: a stable code, whether retrying may help, and
 * the engine's own code and message when the engine raised it. */
export class ClickHouseAdapterError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retriable: boolean,
    options?: { cause?: unknown; clickhouseCode?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.clickhouseCode = options?.clickhouseCode;
  }

  readonly clickhouseCode: number | undefined;
}

/** The engine could not be reached or opened (server down, data directory owned by another process). */
export class ClickHouseUnavailableError extends ClickHouseAdapterError {
  constructor(message: string, options?: { cause?: unknown; retriable?: boolean; clickhouseCode?: number }) {
    super('CLICKHOUSE_UNAVAILABLE', message, options?.retriable ?? true, options);
  }
}

/** The engine rejected a statement; `message` keeps ClickHouse's own text. */
export class ClickHouseQueryError extends ClickHouseAdapterError {
  constructor(message: string, options: { cause?: unknown; retriable: boolean; clickhouseCode?: number }) {
    super('CLICKHOUSE_QUERY', message, options.retriable, options);
  }
}

/** A name that would be pasted into SQL (table, database) is not a plain identifier. */
export class InvalidIdentifierError extends ClickHouseAdapterError {
  constructor(readonly identifier: string) {
    super('CLICKHOUSE_INVALID_IDENTIFIER', `not a valid ClickHouse identifier: ${JSON.stringify(identifier)}`, false);
  }
}

/** The migration list itself is wrong, or disagrees with what was already applied. */
export class ClickHouseMigrationError extends ClickHouseAdapterError {
  constructor(code: 'MIGRATION_INVALID' | 'MIGRATION_CHECKSUM_MISMATCH', message: string) {
    super(code, message, false);
  }
}
