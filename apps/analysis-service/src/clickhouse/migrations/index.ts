import type { ClickHouseMigration } from '@xp/clickhouse';

/** In version order; append new migrations, never edit an applied one. */
export const analysisClickHouseMigrations: ClickHouseMigration[] = [];
