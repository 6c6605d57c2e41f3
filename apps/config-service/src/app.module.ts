import { Module, type DynamicModule } from '@nestjs/common';
import { KAFKA, KAFKA_BATCH_TRANSPORT, KafkaConsumersModule, PlatformModule, type ConfigServiceConfig, type KafkaBatchTransport } from '@xp/platform';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { ConnectionsModule, readinessChecks } from './connections/connections.module';
import { EntitiesModule } from './entities/entities.module';
import { RelayModule } from './relay/relay.module';
import { SchedulesModule } from './schedules/schedules.module';
import { flagUsageSubscription } from './usage/flag-usage-subscription';
import { FlagUsageModule } from './usage/flag-usage.module';

@Module({})
export class AppModule {
  static forRoot(config: ConfigServiceConfig): DynamicModule {
    const connections = ConnectionsModule.forRoot(config);
    const consumers = KafkaConsumersModule.forRoot({ inject: [KAFKA], useFactory: (kafka: Kafka) => [flagUsageSubscription(kafka, config)] });
    return {
      module: AppModule,
      imports: [
        connections,
        consumers,
        PlatformModule.forRoot({
          config,
          readiness: {
            imports: [connections, consumers],
            inject: [...readinessChecks.inject, KAFKA_BATCH_TRANSPORT],
            useFactory: (postgres: DataSource, kafka: Kafka, transport: KafkaBatchTransport) => [
              ...readinessChecks.useFactory(postgres, kafka),
              ...transport.readiness(),
            ],
          },
        }),
        EntitiesModule,
        SchedulesModule,
        RelayModule.forRoot(),
        FlagUsageModule,
      ],
    };
  }
}
