import { Module, type DynamicModule } from '@nestjs/common';
import { topicNames } from '@xp/contracts';
import { PlatformModule, type AnalysisServiceConfig } from '@xp/platform';
import { AnalysisModule } from './analysis/analysis.module';
import { ConnectionsModule, readinessChecks } from './connections/connections.module';
import { CLICKHOUSE } from './connections/tokens';
import { IngestionModule } from './ingestion/ingestion.module';
import { SqlModule } from './sql/sql.module';

@Module({})
export class AppModule {
  static forRoot(config: AnalysisServiceConfig): DynamicModule {
    const connections = ConnectionsModule.forRoot(config);
    const names = topicNames(config.kafka.topicPrefix);
    return {
      module: AppModule,
      imports: [
        connections,
        PlatformModule.forRoot({ config, readiness: { imports: [connections], ...readinessChecks } }),
        IngestionModule,
        SqlModule.forRoot(config, CLICKHOUSE),
        AnalysisModule.forRoot({
          configEventsTopic: names.configEvents,
          decisionsTopic: names.decisions,
          ...(config.analysisIntervalMs === undefined ? {} : { intervalMs: config.analysisIntervalMs }),
          ...(config.attributionWindowMs === undefined ? {} : { attributionWindowMs: config.attributionWindowMs }),
          ...(config.covariateWindowMs === undefined ? {} : { covariateWindowMs: config.covariateWindowMs }),
        }),
      ],
    };
  }
}
