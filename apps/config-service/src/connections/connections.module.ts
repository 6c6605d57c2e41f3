import type { DynamicModule } from '@nestjs/common';
import { PostgresKafkaConnectionsModule, postgresKafkaReadiness, type ConfigServiceConfig } from '@xp/platform';
import { configMigrations } from '../migrations/config-migrations';

/** The engine clients of config-service: PostgreSQL (with its migrations) and Kafka. */
export const ConnectionsModule = {
  forRoot: (config: ConfigServiceConfig): DynamicModule =>
    PostgresKafkaConnectionsModule.forRoot({ postgres: { url: config.postgres.url, migrations: configMigrations }, kafka: config.kafka }),
};

export const readinessChecks = postgresKafkaReadiness;
