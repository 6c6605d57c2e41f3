import { Module, type DynamicModule, type FactoryProvider, type ModuleMetadata } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { KAFKA_BATCH_TRANSPORT, KafkaBatchTransport } from './kafka-batch.transport';
import type { KafkaSubscription } from './kafka-subscription';

export interface KafkaConsumersOptions {
  imports?: ModuleMetadata['imports'];
  /** The Kafka client first, then whatever the subscriptions need. */
  inject: FactoryProvider['inject'];
  useFactory: (kafka: Kafka, ...rest: never[]) => KafkaSubscription[];
}

/**
 * Provides the service's KafkaBatchTransport (KAFKA_BATCH_TRANSPORT) built from its subscriptions;
 * bootstrapService connects it as the app's microservice. The handlers are `@EventPattern` methods of
 * `@ConsumerController()` classes listed in a module's `controllers`.
 */
@Module({})
export class KafkaConsumersModule {
  static forRoot(options: KafkaConsumersOptions): DynamicModule {
    return {
      module: KafkaConsumersModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        {
          provide: KAFKA_BATCH_TRANSPORT,
          inject: options.inject,
          useFactory: (kafka: Kafka, ...rest: never[]) => new KafkaBatchTransport(kafka, options.useFactory(kafka, ...rest)),
        },
      ],
      exports: [KAFKA_BATCH_TRANSPORT],
    };
  }
}
