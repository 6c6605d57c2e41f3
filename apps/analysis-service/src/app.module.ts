import { Module, type DynamicModule } from '@nestjs/common';
import { KAFKA_BATCH_TRANSPORT, KafkaConsumersModule, PlatformModule, type AnalysisServiceConfig, type KafkaBatchTransport } from '@xp/platform';
import { AnalysisModule } from './analysis/analysis.module';
import { ConnectionsModule, readinessChecks } from './connections/connections.module';
import { CLICKHOUSE, KAFKA } from './connections/tokens';
import { ingestionSubscriptions } from './ingestion/ingestion-subscriptions';
import { IngestionModule } from './ingestion/ingestion.module';
import { AnalysisLoopService } from './analysis/analysis-loop.service';
import { ConfigEventsService } from './experiments/config-events.service';
import type { ClickHousePort } from '@xp/clickhouse';
import type { Kafka } from 'kafkajs';
import { SqlModule } from './sql/sql.module';

@Module({})
export class AppModule {
  static forRoot(config: AnalysisServiceConfig): DynamicModule {
    const connections = ConnectionsModule.forRoot(config);
    const analysis = AnalysisModule.forRoot({
      configEventsTopic: config.kafka.topics.configEvents.name,
      decisionsTopic: config.kafka.topics.decisions.name,
      ...(config.analysisIntervalMs === undefined ? {} : { intervalMs: config.analysisIntervalMs }),
      ...(config.attributionWindowMs === undefined ? {} : { attributionWindowMs: config.attributionWindowMs }),
      ...(config.covariateWindowMs === undefined ? {} : { covariateWindowMs: config.covariateWindowMs }),
    });
    const consumers = KafkaConsumersModule.forRoot({
      inject: [KAFKA],
      useFactory: (kafka: Kafka) =>
        ingestionSubscriptions(kafka, {
          consumer: config.kafka.consumer,
          topics: { exposures: config.kafka.topics.exposures.name, events: config.kafka.topics.events.name },
          groupPrefix: config.kafka.groups.ingestion,
        }),
    });
    return {
      module: AppModule,
      imports: [
        connections,
        consumers,
        PlatformModule.forRoot({
          config,
          readiness: {
            imports: [connections, consumers, analysis],
            inject: [...readinessChecks.inject, KAFKA_BATCH_TRANSPORT, ConfigEventsService, AnalysisLoopService],
            useFactory: (clickhouse: ClickHousePort, kafka: Kafka, transport: KafkaBatchTransport, configEvents: ConfigEventsService, loop: AnalysisLoopService) => [
              ...readinessChecks.useFactory(clickhouse, kafka),
              ...transport.readiness(),
              configEvents.readiness(),
              loop.readiness(),
            ],
          },
        }),
        IngestionModule.forRoot(),
        SqlModule.forRoot(config, CLICKHOUSE),
        analysis,
      ],
    };
  }
}
