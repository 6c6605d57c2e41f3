import type { ClickHousePort } from '@xp/clickhouse';
import type { Experiment, Metric } from '@xp/contracts';
import { buildDecisionData } from '../decisions/build-decision-data';
import { decideRollout } from '../decisions/decide-rollout';
import type { DecisionPublisher } from '../decisions/decision-publisher';
import type { CatalogueExperiment, ExperimentCatalogue } from '../experiments/experiment-catalogue';
import { holdoutAsExperiment } from '../holdouts/holdout-experiment';
import { computeExperimentResults } from '../results/compute-experiment-results';
import type { ExperimentResults } from '../results/experiment-results';
import type { ResultsStore } from '../results/results-store';
import type { AnalysisSettings } from './analysis-settings';
import { querySufficientStatistics } from './sufficient-statistics.query';

export interface AnalysisLogger {
  info(context: Record<string, unknown>, message: string): void;
  warn(context: Record<string, unknown>, message: string): void;
  error(context: Record<string, unknown>, message: string): void;
}

export interface AnalysisRunnerDeps {
  catalogue: ExperimentCatalogue;
  clickhouse: ClickHousePort;
  store: ResultsStore;
  publisher: DecisionPublisher;
  settings: Pick<AnalysisSettings, 'attributionWindowMs' | 'covariateWindowMs'>;
  logger: AnalysisLogger;
  /** Called for every sample ratio mismatch found (the alert metric). */
  onSrmAlert?: (experimentKey: string) => void;
  /** Called for every decision published. */
  onDecision?: (experimentKey: string, kind: string) => void;
}

/**
 * One pass: for each running experiment, statistics -> results (stored) -> policy -> decision
 * (published once); then each holdout with metrics, statistics -> results (stored), never a decision.
 */
export class AnalysisRunner {
  constructor(private readonly deps: AnalysisRunnerDeps) {}

  async runOnce(now: Date): Promise<void> {
    for (const entry of this.deps.catalogue.running()) {
      try {
        await this.analyse(entry, now);
      } catch (err) {
        // One broken experiment must not stop the others; it is retried on the next pass.
        this.deps.logger.error({ err, experimentKey: entry.experiment.key }, 'analysis failed');
      }
    }
    for (const holdout of this.deps.catalogue.holdouts()) {
      const experiment = holdoutAsExperiment(holdout);
      if (!experiment) continue; // no metrics: its exposures are kept for SQL, nothing to compute
      try {
        await this.analyseHoldout(experiment, now);
      } catch (err) {
        this.deps.logger.error({ err, holdoutKey: holdout.key }, 'holdout analysis failed');
      }
    }
  }

  private async analyse({ experiment, stageStartedAt }: CatalogueExperiment, now: Date): Promise<ExperimentResults> {
    const { store, publisher, logger } = this.deps;
    const results = await this.resultsOf(experiment, stageStartedAt, now);
    const decision = decideRollout({ experiment, results, stageStartedAt, now });
    const data = decision && buildDecisionData(experiment, decision, results);
    await store.save({ results, decisionKind: data?.kind, decisionId: data?.decisionId });
    if (data && (await publisher.publish(data, now))) {
      logger.info({ experimentKey: experiment.key, decisionId: data.decisionId, reason: data.reason }, 'rollout decision published');
      this.deps.onDecision?.(experiment.key, data.kind);
    }
    return results;
  }

  /** A holdout's arms compared over every exposure since it began (it has no stages and decides nothing). */
  private async analyseHoldout(experiment: Experiment, now: Date): Promise<void> {
    const results = await this.resultsOf(experiment, undefined, now);
    results.notes.push(
      "A holdout: 'holdout' are the held-out units (the control), 'general' an equal-sized random sample of the other units; the difference is the effect of what the covered flags serve. No rollout decision is made.",
    );
    await this.deps.store.save({ results });
  }

  /** Statistics from ClickHouse -> results; alerts on a sample ratio mismatch. */
  private async resultsOf(experiment: Experiment, stageStartedAt: Date | undefined, now: Date): Promise<ExperimentResults> {
    const { catalogue, clickhouse, settings, logger } = this.deps;
    const keys = [experiment.primaryMetric, ...experiment.secondaryMetrics, ...experiment.guardrailMetrics.map((g) => g.metricKey)];
    const metrics = new Map<string, Metric>();
    for (const key of keys) {
      const metric = catalogue.metric(key);
      if (metric) metrics.set(key, metric);
    }
    const statistics = await querySufficientStatistics(clickhouse, {
      experimentKey: experiment.key,
      metrics: [...metrics.values()],
      attributionWindowMs: settings.attributionWindowMs,
      covariateWindowMs: settings.covariateWindowMs,
      stageStartedAt,
    });
    const results = computeExperimentResults({ experiment, metrics, statistics, stageStartedAt, now });
    if (results.srm?.mismatch) {
      logger.warn({ experimentKey: experiment.key, srm: results.srm, unitsPerVariant: results.unitsPerVariant }, 'ALERT sample ratio mismatch');
      this.deps.onSrmAlert?.(experiment.key);
    }
    return results;
  }
}
