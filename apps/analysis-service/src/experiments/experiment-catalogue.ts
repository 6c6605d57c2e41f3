import { ExperimentSchema, HoldoutSchema, MetricSchema, type ConfigEventData, type Experiment, type Holdout, type Metric } from '@xp/contracts';

export interface CatalogueExperiment {
  experiment: Experiment;
  /** When the current rollout stage began: the last ExperimentStarted / ExperimentRolloutChanged. */
  stageStartedAt?: Date;
}

export type ApplyOutcome = 'applied' | 'stale' | 'ignored' | 'invalid';

// These events (re)start the clock of the stage's minimum duration.
const STAGE_STARTING_EVENTS = new Set(['ExperimentStarted', 'ExperimentRolloutChanged']);

const CATALOGUED = new Set(['experiment', 'metric', 'holdout']);

/**
 * Latest state of every experiment, metric and holdout, rebuilt from config events whose payload
 * carries the full entity (`payload.state`, null once archived). Repeats and older versions are dropped.
 */
export class ExperimentCatalogue {
  private readonly versions = new Map<string, number>();
  private readonly experiments = new Map<string, CatalogueExperiment>();
  private readonly metrics = new Map<string, Metric>();
  private readonly holdoutStates = new Map<string, Holdout>();

  apply(event: ConfigEventData, occurredAt: Date): ApplyOutcome {
    if (!CATALOGUED.has(event.streamType)) return 'ignored';
    if (event.version <= (this.versions.get(event.streamId) ?? 0)) return 'stale';
    const key = event.streamId.slice(event.streamType.length + 1);
    const state = event.payload.state;
    if (state === null) {
      this.versions.set(event.streamId, event.version);
      if (event.streamType === 'experiment') this.experiments.delete(key);
      else if (event.streamType === 'holdout') this.holdoutStates.delete(key);
      else this.metrics.delete(key);
      return 'applied';
    }
    if (event.streamType === 'holdout') {
      const parsed = HoldoutSchema.safeParse(state);
      if (!parsed.success) return 'invalid';
      this.holdoutStates.set(parsed.data.key, parsed.data);
    } else if (event.streamType === 'metric') {
      const parsed = MetricSchema.safeParse(state);
      if (!parsed.success) return 'invalid';
      this.metrics.set(parsed.data.key, parsed.data);
    } else {
      const parsed = ExperimentSchema.safeParse(state);
      if (!parsed.success) return 'invalid';
      const previous = this.experiments.get(parsed.data.key);
      const stageStartedAt = STAGE_STARTING_EVENTS.has(event.eventType) ? occurredAt : previous?.stageStartedAt;
      this.experiments.set(parsed.data.key, { experiment: parsed.data, stageStartedAt });
    }
    this.versions.set(event.streamId, event.version);
    return 'applied';
  }

  experiment(key: string): CatalogueExperiment | undefined {
    return this.experiments.get(key);
  }

  metric(key: string): Metric | undefined {
    return this.metrics.get(key);
  }

  holdout(key: string): Holdout | undefined {
    return this.holdoutStates.get(key);
  }

  /** Every holdout not archived. */
  holdouts(): Holdout[] {
    return [...this.holdoutStates.values()];
  }

  running(): CatalogueExperiment[] {
    return [...this.experiments.values()].filter((e) => e.experiment.status === 'running');
  }
}
