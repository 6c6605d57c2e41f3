import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type AnalysisServiceConfig } from '@xp/platform';
import { AnalysisModule } from './analysis/analysis.module';
import { ConnectionsModule, readinessChecks } from './connections/connections.module';
import { IngestionModule } from './ingestion/ingestion.module';

@Module({})
export class AppModule {
  static forRoot(config: AnalysisServiceConfig): DynamicModule {
    const connections = ConnectionsModule.forRoot(config);
    return {
      module: AppModule,
      imports: [
        connections,
        PlatformModule.forRoot({ config, readiness: { imports: [connections], ...readinessChecks } }),
        IngestionModule,
        AnalysisModule.forRoot(),
      ],
    };
  }
}
