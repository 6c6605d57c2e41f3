import type { DataSource } from 'typeorm';
import { PostgresUnavailableError } from './postgres-errors';

/** Readiness probe: resolves when the database answers `select 1`. */
export async function checkPostgres(dataSource: DataSource): Promise<void> {
  if (!dataSource.isInitialized) throw new PostgresUnavailableError('PostgreSQL connection is not open');
  try {
    await dataSource.query('select 1');
  } catch (err) {
    throw new PostgresUnavailableError(`PostgreSQL is unreachable: ${(err as Error).message}`, { cause: err });
  }
}
