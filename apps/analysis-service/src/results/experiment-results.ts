import type { AnalysisMethod, Metric, MetricKind } from '@xp/contracts';
import type { LiftInterval, SrmResult } from '@xp/stats';

export type MetricRole = 'primary' | 'secondary' | 'guardrail';

/** One-sided sequential check of a guardrail: did the lift regress beyond its tolerance? */
export interface GuardrailCheck {
  maxRegression: number;
  /** The confidence sequence's bound on the relative lift on the good side (upper for increase, lower for decrease). */
  bound: number | null;
  regression: boolean;
}

export interface VariantComparison {
  variant: string;
  controlVariant: string;
  control: { n: number; mean: number };
  treatment: { n: number; mean: number };
  absolute?: LiftInterval;
  relative?: LiftInterval | null;
  /** Holm-adjusted p-value over the primary and secondary comparisons. */
  adjustedPValue?: number;
  chanceToWin?: number;
  cuped?: { theta: number; varianceReduction: number };
  guardrail?: GuardrailCheck;
  /** Why no estimate could be made (e.g. fewer than 2 units in an arm). */
  error?: string;
}

export interface MetricResult {
  metricKey: string;
  role: MetricRole;
  kind: MetricKind;
  direction: Metric['direction'];
  comparisons: VariantComparison[];
}

/** One snapshot of an experiment's analysis; stored over time in `experiment_results`. */
export interface ExperimentResults {
  experimentKey: string;
  computedAt: string;
  stageIndex: number;
  percentage: number;
  stageStartedAt: string | null;
  stageUnits: number;
  method: AnalysisMethod;
  alpha: number;
  adjustment: 'holm';
  unitsPerVariant: Record<string, number>;
  /** Units seen in more than one variant, left out of every number here. */
  excludedUnits: number;
  srm: SrmResult | null;
  metrics: MetricResult[];
  /** Metrics the experiment names but the catalogue does not know (yet). */
  missingMetrics: string[];
}
