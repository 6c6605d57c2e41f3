import { Module, type DynamicModule } from '@nestjs/common';
import { checkKafka, createKafka } from '@xp/kafka';
import type { AssignmentServiceConfig, ReadinessCheck } from '@xp/platform';
import type { Kafka } from 'kafkajs';
import { KAFKA } from './tokens';

/**
 * The Kafka client of assignment-service. A kafkajs client holds no connection by itself;
 * the producers and consumers built from it close themselves at shutdown.
 */
@Module({})
export class ConnectionsModule {
  static forRoot(config: AssignmentServiceConfig): DynamicModule {
    return {
      module: ConnectionsModule,
      global: true,
      providers: [{ provide: KAFKA, useFactory: () => createKafka(config.kafka) }],
      exports: [KAFKA],
    };
  }
}

export const readinessChecks = {
  inject: [KAFKA],
  useFactory: (kafka: Kafka): ReadinessCheck[] => [{ name: 'kafka', check: () => checkKafka(kafka, { timeoutMs: 2500 }) }],
};
