import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { checkKafka, createKafka, type KafkaOptions } from '@xp/kafka';
import { checkPostgres, closePostgres, openPostgres, type PostgresOptions } from '@xp/postgres';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import type { ReadinessCheck } from '../health/readiness-check';

/** Injection tokens of the engine clients, built once by PostgresKafkaConnectionsModule. */
export const POSTGRES = Symbol('POSTGRES');
export const KAFKA = Symbol('KAFKA');

/**
 * The engine clients of a service that keeps its state in PostgreSQL and talks over Kafka
 * (config-service, deployment-service): opened and migrated at start-up, closed at shutdown.
 */
@Module({})
export class PostgresKafkaConnectionsModule implements OnApplicationShutdown {
  constructor(@Inject(POSTGRES) private readonly postgres: DataSource) {}

  static forRoot(options: { postgres: PostgresOptions; kafka: KafkaOptions }): DynamicModule {
    return {
      module: PostgresKafkaConnectionsModule,
      global: true,
      providers: [
        { provide: POSTGRES, useFactory: () => openPostgres(options.postgres) },
        { provide: KAFKA, useFactory: () => createKafka(options.kafka) },
      ],
      exports: [POSTGRES, KAFKA],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await closePostgres(this.postgres);
  }
}

/** Readiness of both engines, for `PlatformModule.forRoot({ readiness })`. */
export const postgresKafkaReadiness = {
  inject: [POSTGRES, KAFKA],
  useFactory: (postgres: DataSource, kafka: Kafka): ReadinessCheck[] => [
    { name: 'postgres', check: () => checkPostgres(postgres) },
    { name: 'kafka', check: () => checkKafka(kafka, { timeoutMs: 2500 }) },
  ],
};
