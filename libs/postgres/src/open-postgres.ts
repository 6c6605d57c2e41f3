import type { DataSource } from 'typeorm';
import { createDataSource, type PostgresOptions } from './create-data-source';
import { runMigrations } from './run-migrations';

/** Connects and brings the schema up to date: what a service does at start-up. */
export async function openPostgres(options: PostgresOptions): Promise<DataSource> {
  const dataSource = createDataSource(options);
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
  } catch (err) {
    await dataSource.destroy();
    throw err;
  }
  return dataSource;
}

/** Closes the pool; safe to call twice (shutdown hooks and tests may both do it). */
export async function closePostgres(dataSource: DataSource): Promise<void> {
  if (dataSource.isInitialized) await dataSource.destroy();
}
