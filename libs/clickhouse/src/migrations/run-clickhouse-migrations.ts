import { ClickHouseMigrationError } from '../clickhouse-error';
import { ClickHousePort } from '../clickhouse-port';
import { ClickHouseMigration, migrationChecksum } from './clickhouse-migration';
import { validateMigrations } from './validate-migrations';

const CREATE_SCHEMA_MIGRATIONS = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version UInt32,
    name String,
    checksum String,
    applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
  ) ENGINE = MergeTree ORDER BY version`;

interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
}

export interface MigrationReport {
  applied: number[];
  skipped: number[];
}

/**
 * Applies, in order, the migrations whose version is not yet recorded in `schema_migrations`.
 * An applied migration whose content changed is an error (write a new migration instead).
 * Not safe for two processes at once: run it from the one service that owns the schema at start-up.
 * ClickHouse DDL is not transactional, so statements should be idempotent (IF NOT EXISTS): a
 * migration that failed halfway is retried whole and is only recorded once every statement passed.
 */
export async function runClickHouseMigrations(
  ch: ClickHousePort,
  migrations: readonly ClickHouseMigration[],
): Promise<MigrationReport> {
  const ordered = validateMigrations(migrations);
  await ch.exec(CREATE_SCHEMA_MIGRATIONS);
  const rows = await ch.query<AppliedMigration>('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
  const applied = new Map(rows.map((row) => [Number(row.version), row]));

  const report: MigrationReport = { applied: [], skipped: [] };
  for (const migration of ordered) {
    const checksum = migrationChecksum(migration);
    const existing = applied.get(migration.version);
    if (existing) {
      if (existing.checksum !== checksum) {
        throw new ClickHouseMigrationError(
          'MIGRATION_CHECKSUM_MISMATCH',
          `migration ${migration.version} (${migration.name}) was changed after it was applied as ${existing.name}`,
        );
      }
      report.skipped.push(migration.version);
      continue;
    }
    for (const statement of migration.up) await ch.exec(statement);
    await ch.insert('schema_migrations', [{ version: migration.version, name: migration.name, checksum }]);
    report.applied.push(migration.version);
  }
  return report;
}
