import type { DataSource } from 'typeorm';

// Any fixed number works: it only has to be the same for every instance of every service.
const MIGRATION_LOCK_ID = 7_242_001;

/**
 * Applies pending migrations (each in its own transaction) and returns their names. An advisory
 * lock makes concurrent starts of several instances take turns instead of racing on the DDL.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await runner.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]);
    }
  } finally {
    await runner.release();
  }
}
