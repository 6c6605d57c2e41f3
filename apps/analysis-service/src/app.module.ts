import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type AnalysisServiceConfig } from '@xp/platform';
import { AnalysisModule } from './analysis/analysis.module';
import { ConnectionsModule, readinessChecks } from './connections/connections.module';
import { CLICKHOUSE } from './connections/tokens';
import { IngestionModule } from './ingestion/ingestion.module';
import { IngestionService } from './ingestion/ingestion.service';
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
    return {
      module: AppModule,
      imports: [
        connections,
        PlatformModule.forRoot({
          config,
          readiness: {
            imports: [connections, IngestionModule, analysis],
            inject: [...readinessChecks.inject, IngestionService, ConfigEventsService, AnalysisLoopService],
            useFactory: (clickhouse: ClickHousePort, kafka: Kafka, ingestion: IngestionService, configEvents: ConfigEventsService, loop: AnalysisLoopService) => [
              ...readinessChecks.useFactory(clickhouse, kafka),
              ingestion.readiness(),
              configEvents.readiness(),
              loop.readiness(),
            ],
          },
        }),
        IngestionModule,
        SqlModule.forRoot(config, CLICKHOUSE),
        analysis,
      ],
    };
  }
}
