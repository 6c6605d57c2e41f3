import { createHash } from 'node:crypto';
import { z } from 'zod';

export const clickHouseMigrationSchema = z.object({
  version: z.number().int().positive(),
  name: z.string().min(1),
  /** Statements run in order; each is one ClickHouse statement. */
  up: z.array(z.string().min(1)).min(1),
});

export type ClickHouseMigration = z.infer<typeof clickHouseMigrationSchema>;

/** Identifies a migration's content, so editing an applied migration is detected instead of ignored. */
export function migrationChecksum(migration: ClickHouseMigration): string {
  return createHash('sha256').update(JSON.stringify([migration.name, migration.up])).digest('hex');
}
