import { DataSource, type MixedList, type EntitySchema } from 'typeorm';

export interface PostgresOptions {
  url: string;
  /** Migration classes; each class name ends in a 13-digit timestamp (TypeORM orders them by it). */
  migrations: MixedList<new () => unknown>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  poolSize?: number;
}

/** A DataSource that never alters the schema by itself: only the listed migrations do. */
export function createDataSource(options: PostgresOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    migrations: options.migrations,
    entities: options.entities ?? [],
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    extra: { max: options.poolSize ?? 10 },
    // Failed queries reach the caller as errors (e.g. a unique violation that becomes a 409);
    // TypeORM's own console logging of them would only duplicate that, outside the JSON logs.
    logging: false,
  });
}
