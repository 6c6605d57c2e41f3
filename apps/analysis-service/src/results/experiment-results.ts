import type { AdvanceOn, AnalysisMethod, Metric, MetricKind } from '@xp/contracts';
import type { LiftInterval, SequentialSrmResult } from '@xp/stats';

export type MetricRole = 'primary' | 'secondary' | 'guardrail';

/**
 * A guardrail against its tolerance, with the same confidence sequence as the comparison
 * (relativeMarginTest): "regression" and "non-inferior" are both claims the sequence makes, so
 * both can be false (not enough data yet) but never both true.
 */
export interface GuardrailCheck {
  /** Relative change tolerated in the bad direction, e.g. 0.02. */
  maxRegression: number;
  /** The margin in lift terms: −maxRegression for an increase metric, +maxRegression for a decrease one. */
  margin: number;
  /** The sequence shows the lift beyond the margin in the bad direction: ROLLBACK. */
  regression: boolean;
  /** The sequence shows the lift within the margin: what a safe rollout needs to advance. */
  nonInferior: boolean;
  /** Always-valid p-value of "the lift is exactly at the margin" (adjusted like the comparison's). */
  pValue: number;
}

export interface BayesianReadout {
  /** P(the treatment is better in the metric's good direction) under the posterior. */
  chanceToWin: number;
  /** [expected loss of keeping control, expected loss of shipping the treatment], in relative-lift units. */
  risk: [number, number];
  /** Posterior mean and equal-tailed credible interval of the relative lift (or the absolute one when the control mean is 0). */
  estimate: number;
  credibleInterval: [number, number];
  scale: 'relative' | 'absolute';
}

export interface VariantComparison {
  variant: string;
  controlVariant: string;
  control: { n: number; mean: number };
  treatment: { n: number; mean: number };
  /** α / multiplicity: the level of every interval and the decision tests of this comparison. */
  level?: number;
  /** Confidence sequence of treatment − control; pValue is always-valid and Bonferroni-adjusted. */
  absolute?: LiftInterval;
  /** Relative lift with its Fieller confidence sequence; null when the control mean is not distinguishable from 0. */
  relative?: LiftInterval | null;
  cuped?: { theta: number; varianceReduction: number };
  guardrail?: GuardrailCheck;
  /** Bayesian method only: the posterior readout (decisions use the sequential test above). */
  bayesian?: BayesianReadout;
  /** Why no inference was made yet (e.g. fewer than 2 units in an arm, no variance at all): this comparison decides nothing. */
  notEnoughData?: string;
}

export interface MetricResult {
  metricKey: string;
  role: MetricRole;
  kind: MetricKind;
  direction: Metric['direction'];
  /** Comparisons in this metric's decision family (Bonferroni): treatments × metrics of the role. */
  multiplicity: number;
  comparisons: VariantComparison[];
}

/** The power of the plan for the primary metric, when the policy names a minimum detectable effect. */
export interface PlanningReadout {
  minimumDetectableEffect: number;
  targetPower: number;
  /** Units (all variants) the sequential test needs for the target power, from the control's observed mean and variance. */
  unitsNeeded: number;
  /** Power of the sequential test at the planned units (N*). */
  powerAtPlannedUnits: number;
}

/** One snapshot of an experiment's analysis; stored over time in `experiment_results`. */
export interface ExperimentResults {
  experimentKey: string;
  computedAt: string;
  stageIndex: number;
  percentage: number;
  stageStartedAt: string | null;
  stageUnits: number;
  /** The method that produced the numbers (a stored 'fixed' policy is analysed as 'sequential'). */
  method: AnalysisMethod;
  advanceOn: AdvanceOn;
  alpha: number;
  /** N* of the confidence sequences. */
  sequentialTuning: number;
  adjustment: 'bonferroni';
  unitsPerVariant: Record<string, number>;
  /** Units seen in more than one variant, left out of every number here. */
  excludedUnits: number;
  srm: SequentialSrmResult | null;
  metrics: MetricResult[];
  /** Metrics the experiment names but the catalogue does not know (yet). */
  missingMetrics: string[];
  planning?: PlanningReadout;
  /** Anything the reader should know about how these numbers were made. */
  notes: string[];
}
