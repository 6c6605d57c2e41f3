import { experimentRolloutPercentage, sequentialTuningOf, type Experiment, type Metric } from '@xp/contracts';
import { sequentialSrmOf, type SequentialSrmResult } from '@xp/stats';
import { EMPTY_ARM, type ArmStatistics, type ExperimentStatistics, type QuantileArmStatistics } from '../analysis/experiment-statistics';
import { summarizeArms, summarizeQuantileArms, type SummarizedArms } from './arm-summaries';
import type { ArmSummary } from '@xp/stats';
import { compareVariant } from './compare-variant';
import type { ExperimentResults, MetricResult, MetricRole } from './experiment-results';
import { planPrimary } from './plan-primary';

export interface ComputeResultsInput {
  experiment: Experiment;
  /** Known metrics by key. */
  metrics: ReadonlyMap<string, Metric> | Record<string, Metric>;
  statistics: ExperimentStatistics;
  stageStartedAt?: Date;
  now: Date;
}

const lookup = (metrics: ComputeResultsInput['metrics'], key: string): Metric | undefined =>
  metrics instanceof Map ? metrics.get(key) : (metrics as Record<string, Metric>)[key];

function srmOf(experiment: Experiment, unitsPerVariant: Record<string, number>): SequentialSrmResult | null {
  const weighted = experiment.variants.filter((v) => v.weight > 0).map((v) => ({ weight: v.weight, observed: unitsPerVariant[v.key] ?? 0 }));
  if (weighted.length < 2 || weighted.every((v) => v.observed === 0)) return null;
  return sequentialSrmOf(weighted.map((v) => v.observed), weighted.map((v) => v.weight));
}

/** The unadjusted per-arm value people read: Σ/n, Σm/Σd for a ratio, q̂ for a quantile. */
function displayArm(metric: Metric, arm: ArmStatistics | undefined, quantile: QuantileArmStatistics | undefined) {
  if (metric.kind === 'quantile') return { n: quantile?.units ?? 0, mean: quantile?.estimate ?? 0 };
  if (!arm || arm.n === 0) return { n: 0, mean: 0 };
  if (metric.kind === 'ratio') return { n: arm.n, mean: arm.ratio?.denominatorSum ? arm.sum / arm.ratio.denominatorSum : 0 };
  return { n: arm.n, mean: arm.sum / arm.n };
}

interface WantedMetric {
  key: string;
  role: MetricRole;
  maxRegression?: number;
}

/**
 * Every treatment against the control for the primary, secondary and guardrail metrics, each
 * with the anytime-valid sequential test (N* from the policy) at a Bonferroni level per decision
 * family, so that deciding at every analysis keeps each family's error below α:
 * - primary: α / treatments (ADVANCE and SHIP in win mode);
 * - guardrails: α / (treatments × guardrails) (ROLLBACK; non-inferiority in safe mode);
 * - secondary: α / (treatments × secondaries) (reported, never decide).
 * Intervals and p-values come from that same test and correction. SRM: the sequential
 * Dirichlet-multinomial test, valid under the same continuous monitoring.
 */
export function computeExperimentResults(input: ComputeResultsInput): ExperimentResults {
  const { experiment, statistics } = input;
  const policy = experiment.rolloutPolicy;
  const method = policy.method === 'bayesian' ? 'bayesian' : 'sequential';
  const tuning = sequentialTuningOf(policy);
  const control = experiment.variants.find((v) => v.control)!.key;
  const treatments = experiment.variants.filter((v) => !v.control).map((v) => v.key);
  const unitsPerVariant = Object.fromEntries(experiment.variants.map((v) => [v.key, statistics.units[v.key]?.units ?? 0]));

  const wanted: WantedMetric[] = [
    { key: experiment.primaryMetric, role: 'primary' },
    ...experiment.secondaryMetrics.map((key) => ({ key, role: 'secondary' as const })),
    ...experiment.guardrailMetrics.map((g) => ({ key: g.metricKey, role: 'guardrail' as const, maxRegression: g.maxRegression })),
  ];
  const familySize = (role: MetricRole) => treatments.length * wanted.filter((w) => w.role === role).length;
  const missingMetrics: string[] = [];
  const metrics: MetricResult[] = [];
  for (const { key, role, maxRegression } of wanted) {
    const metric = lookup(input.metrics, key);
    const arms = statistics.metrics[key];
    const quantiles = statistics.quantiles?.[key];
    if (!metric || (metric.kind === 'quantile' ? !quantiles : !arms)) {
      if (!missingMetrics.includes(key)) missingMetrics.push(key);
      continue;
    }
    const multiplicity = Math.max(1, familySize(role));
    const comparisons = treatments.map((variant) => {
      const summarize = (): SummarizedArms =>
        metric.kind === 'quantile'
          ? summarizeQuantileArms(metric, quantiles![control] ?? emptyQuantile, quantiles![variant] ?? emptyQuantile)
          : summarizeArms(metric, arms![control] ?? EMPTY_ARM, arms![variant] ?? EMPTY_ARM);
      return compareVariant(
        {
          controlVariant: control,
          variant,
          control: displayArm(metric, arms?.[control], quantiles?.[control]),
          treatment: displayArm(metric, arms?.[variant], quantiles?.[variant]),
        },
        summarize,
        { method, alpha: policy.alpha, tuning, multiplicity, direction: metric.direction, maxRegression },
      );
    });
    metrics.push({ metricKey: key, role, kind: metric.kind, direction: metric.direction, multiplicity, comparisons });
  }

  const units = Object.values(statistics.units);
  const notes: string[] = [];
  if (policy.method === 'fixed') {
    notes.push("The policy's 'fixed' method is not valid when the rollout decides at every analysis: these results and decisions use the sequential test.");
  }
  const planning = planPrimary(experiment, primaryControl(input, control), tuning, treatments.length);
  return {
    experimentKey: experiment.key,
    computedAt: input.now.toISOString(),
    stageIndex: experiment.currentStageIndex,
    percentage: experimentRolloutPercentage(experiment),
    stageStartedAt: input.stageStartedAt?.toISOString() ?? null,
    stageUnits: units.reduce((sum, u) => sum + u.stageUnits, 0),
    method,
    advanceOn: policy.advanceOn,
    alpha: policy.alpha,
    sequentialTuning: tuning,
    adjustment: 'bonferroni',
    unitsPerVariant,
    excludedUnits: units.reduce((sum, u) => sum + u.excluded, 0),
    srm: srmOf(experiment, unitsPerVariant),
    metrics,
    missingMetrics,
    ...(planning ? { planning } : {}),
    notes,
  };
}

const emptyQuantile: QuantileArmStatistics = Object.freeze({
  events: 0,
  units: 0,
  estimate: 0,
  lower: 0,
  upper: 0,
  belowSum: 0,
  belowSumSquares: 0,
  countSum: 0,
  countSumSquares: 0,
  belowCountProducts: 0,
});

/** The control arm of the primary metric as the test sees it (for planning); undefined when it cannot be summarised. */
function primaryControl(input: ComputeResultsInput, control: string): ArmSummary | undefined {
  const metric = lookup(input.metrics, input.experiment.primaryMetric);
  const arm = input.statistics.metrics[input.experiment.primaryMetric]?.[control];
  if (!metric || metric.kind === 'quantile' || !arm) return undefined;
  try {
    return summarizeArms(metric, arm, arm).control;
  } catch {
    return undefined;
  }
}
