import { topics } from '@xp/contracts';

/** Settings of the analysis loop; defaults below, overridden from the config slice in app.module.ts. */
export interface AnalysisSettings {
  /** How often every running experiment is analysed (ANALYSIS_INTERVAL_MS). */
  intervalMs: number;
  /** Events up to this long after a unit's first exposure count (ANALYSIS_ATTRIBUTION_WINDOW_MS; no per-metric window in MetricSchema). */
  attributionWindowMs: number;
  /** Pre-exposure window of the CUPED covariate (ANALYSIS_COVARIATE_WINDOW_MS). */
  covariateWindowMs: number;
  configEventsTopic: string;
  decisionsTopic: string;
  /** Snapshots returned in a results response's history. */
  historyLimit: number;
}

const DAY_MS = 86_400_000;

export const DEFAULT_ANALYSIS_SETTINGS: AnalysisSettings = {
  intervalMs: 60_000,
  attributionWindowMs: 7 * DAY_MS,
  covariateWindowMs: 7 * DAY_MS,
  configEventsTopic: topics.configEvents.name,
  decisionsTopic: topics.decisions.name,
  historyLimit: 100,
};

export const ANALYSIS_SETTINGS = Symbol('ANALYSIS_SETTINGS');
