import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '@xp/platform';
import { ANALYSIS_SETTINGS, type AnalysisSettings } from '../analysis/analysis-settings';
import { ExperimentCatalogue } from '../experiments/experiment-catalogue';
import type { ExperimentResults } from './experiment-results';
import { ResultsStore } from './results-store';

export interface ResultsResponse {
  latest: ExperimentResults | null;
  /** Earlier snapshots, newest first. */
  history: ExperimentResults[];
}

@Injectable()
export class ResultsService {
  constructor(
    private readonly catalogue: ExperimentCatalogue,
    private readonly store: ResultsStore,
    @Inject(ANALYSIS_SETTINGS) private readonly settings: AnalysisSettings,
  ) {}

  async results(experimentKey: string): Promise<ResultsResponse> {
    if (!this.catalogue.experiment(experimentKey)) {
      throw new NotFoundError('experiment_not_found', `unknown experiment '${experimentKey}'`, { details: { experimentKey } });
    }
    const [latest = null, ...history] = await this.store.recent(experimentKey, this.settings.historyLimit + 1);
    return { latest, history };
  }
}
