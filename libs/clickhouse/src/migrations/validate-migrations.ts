import { z } from 'zod';
import { ClickHouseMigrationError } from '../clickhouse-error';
import { ClickHouseMigration, clickHouseMigrationSchema } from './clickhouse-migration';

/** Checks shape and ordering: versions must be unique and strictly increasing as listed. */
export function validateMigrations(migrations: readonly ClickHouseMigration[]): ClickHouseMigration[] {
  const parsed = z.array(clickHouseMigrationSchema).safeParse(migrations);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ClickHouseMigrationError('MIGRATION_INVALID', `invalid migrations: ${detail}`);
  }
  parsed.data.forEach((migration, index) => {
    const previous = parsed.data[index - 1];
    if (previous && migration.version <= previous.version) {
      throw new ClickHouseMigrationError(
        'MIGRATION_INVALID',
        `migration versions must be unique and increasing: ${migration.version} (${migration.name}) follows ${previous.version} (${previous.name})`,
      );
    }
  });
  return parsed.data;
}
