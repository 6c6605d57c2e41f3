import type { DynamicModule } from '@nestjs/common';
import { PostgresKafkaConnectionsModule, postgresKafkaReadiness, type DeploymentServiceConfig } from '@xp/platform';
import { deploymentMigrations } from '../migrations/deployment-migrations';

/** The engine clients of deployment-service: PostgreSQL (with its migrations) and Kafka. */
export const ConnectionsModule = {
  forRoot: (config: DeploymentServiceConfig): DynamicModule =>
    PostgresKafkaConnectionsModule.forRoot({ postgres: { url: config.postgres.url, migrations: deploymentMigrations }, kafka: config.kafka }),
};

export const readinessChecks = postgresKafkaReadiness;
