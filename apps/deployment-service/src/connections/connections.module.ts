import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { checkKafka, createKafka } from '@xp/kafka';
import type { DeploymentServiceConfig, ReadinessCheck } from '@xp/platform';
import { checkPostgres, closePostgres, openPostgres } from '@xp/postgres';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { deploymentMigrations } from '../migrations/deployment-migrations';
import { KAFKA, POSTGRES } from './tokens';

/** The engine clients of deployment-service: opened (and migrated) at start-up, closed at shutdown. */
@Module({})
export class ConnectionsModule implements OnApplicationShutdown {
  constructor(@Inject(POSTGRES) private readonly postgres: DataSource) {}

  static forRoot(config: DeploymentServiceConfig): DynamicModule {
    return {
      module: ConnectionsModule,
      global: true,
      providers: [
        { provide: POSTGRES, useFactory: () => openPostgres({ url: config.postgres.url, migrations: deploymentMigrations }) },
        { provide: KAFKA, useFactory: () => createKafka(config.kafka) },
      ],
      exports: [POSTGRES, KAFKA],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await closePostgres(this.postgres);
  }
}

export const readinessChecks = {
  inject: [POSTGRES, KAFKA],
  useFactory: (postgres: DataSource, kafka: Kafka): ReadinessCheck[] => [
    { name: 'postgres', check: () => checkPostgres(postgres) },
    { name: 'kafka', check: () => checkKafka(kafka, { timeoutMs: 2500 }) },
  ],
};
