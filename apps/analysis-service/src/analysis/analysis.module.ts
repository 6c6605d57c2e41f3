import { Module, type DynamicModule } from '@nestjs/common';
import type { ClickHousePort } from '@xp/clickhouse';
import { CLICKHOUSE } from '../connections/tokens';
import { ConfigEventsService } from '../experiments/config-events.service';
import { ExperimentCatalogue } from '../experiments/experiment-catalogue';
import { HoldoutResultsController, ResultsController } from '../results/results.controller';
import { ResultsService } from '../results/results.service';
import { ResultsStore } from '../results/results-store';
import { AnalysisLoopService } from './analysis-loop.service';
import { ANALYSIS_SETTINGS, DEFAULT_ANALYSIS_SETTINGS, type AnalysisSettings } from './analysis-settings';

/** Catalogue, results API and the decision loop. Needs the global ConnectionsModule and PlatformModule. */
@Module({})
export class AnalysisModule {
  static forRoot(settings: Partial<AnalysisSettings> = {}): DynamicModule {
    return {
      module: AnalysisModule,
      controllers: [ResultsController, HoldoutResultsController],
      providers: [
        { provide: ANALYSIS_SETTINGS, useValue: { ...DEFAULT_ANALYSIS_SETTINGS, ...settings } },
        { provide: ExperimentCatalogue, useFactory: () => new ExperimentCatalogue() },
        { provide: ResultsStore, inject: [CLICKHOUSE], useFactory: (clickhouse: ClickHousePort) => new ResultsStore(clickhouse) },
        ConfigEventsService,
        ResultsService,
        AnalysisLoopService,
      ],
      exports: [ConfigEventsService, AnalysisLoopService],
    };
  }
}
