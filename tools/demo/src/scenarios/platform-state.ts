import type { Platform } from '../platform';
import type { ScenarioKeys } from './scenario-spec';

export interface ExperimentView {
  status: string;
  currentStageIndex: number;
  rolloutPercentage?: number;
  rolloutPolicy: { stages: number[] };
  winner?: string;
}

export interface FlagView {
  enabled: boolean;
}

export interface HistoryView {
  decisionId?: string;
  kind: string;
  action: string;
  fromPercentage?: number | null;
  toPercentage?: number | null;
  status?: string;
  reason: string;
}

export interface RolloutView {
  stageIndex: number;
  percentage: number;
  status: string;
  deployment?: { activeColour: string; weights: { blue: number; green: number }; status: string; service: string };
  history: HistoryView[];
}

export interface ComparisonView {
  variant: string;
  relative?: { estimate: number; ci: [number, number] } | null;
  guardrail?: { bound: number | null; regression: boolean };
}

export interface ResultsView {
  stageUnits: number;
  unitsPerVariant: Record<string, number>;
  metrics: { metricKey: string; role: string; comparisons: ComparisonView[] }[];
}

/** What the demo shows and waits on, read through the public APIs of three services. */
export interface PlatformState {
  experiment: ExperimentView;
  flag: FlagView;
  rollout?: RolloutView;
  results?: ResultsView;
}

export async function readPlatformState(platform: Platform, keys: ScenarioKeys): Promise<PlatformState> {
  const [experiment, flag, rollout, results] = await Promise.all([
    platform.config.get<ExperimentView>(`/v1/experiments/${keys.experiment}`),
    platform.config.get<FlagView>(`/v1/flags/${keys.flag}`),
    platform.deployment.request<RolloutView>('GET', `/v1/rollouts/${keys.experiment}`, undefined, [404]),
    platform.analysis.request<{ latest: ResultsView | null }>('GET', `/v1/experiments/${keys.experiment}/results`, undefined, [404]),
  ]);
  return {
    experiment,
    flag,
    rollout: rollout.status === 404 ? undefined : rollout.body,
    results: results.status === 404 ? undefined : (results.body.latest ?? undefined),
  };
}

/** The percentage of units the experiment enrols now, as config-service says. */
export function currentPercentage(experiment: ExperimentView): number {
  if (experiment.status !== 'running') return 0;
  return experiment.rolloutPercentage ?? experiment.rolloutPolicy.stages[experiment.currentStageIndex] ?? 0;
}

/**
 * Finished when deployment-service recorded the terminal decision and config-service shows its
 * effect: shipped = concluded with a winner; rolled back = 0 % and the flag's kill switch off.
 */
export function finalOutcome(state: PlatformState): 'SHIP' | 'ROLLBACK' | undefined {
  const status = state.rollout?.status;
  if (status === 'shipped' && state.experiment.status === 'concluded' && state.experiment.winner) return 'SHIP';
  if (status === 'rolled_back' && state.experiment.rolloutPercentage === 0 && !state.flag.enabled && state.experiment.status === 'paused') {
    return 'ROLLBACK';
  }
  return undefined;
}
