import { Inject, Injectable } from '@nestjs/common';
import { holdoutExposureKey } from '@xp/contracts';
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
    return this.recent(experimentKey);
  }

  /**
   * A holdout's analysis (its `experimentKey` is `holdout:<key>`): null until it has metrics and a
   * pass ran. 404 for a holdout that does not exist (or was archived).
   */
  async holdoutResults(holdoutKey: string): Promise<ResultsResponse> {
    if (!this.catalogue.holdout(holdoutKey)) {
      throw new NotFoundError('holdout_not_found', `unknown holdout '${holdoutKey}'`, { details: { holdoutKey } });
    }
    return this.recent(holdoutExposureKey(holdoutKey));
  }

  private async recent(key: string): Promise<ResultsResponse> {
    const [latest = null, ...history] = await this.store.recent(key, this.settings.historyLimit + 1);
    return { latest, history };
  }
}
