import { experimentRolloutPercentage, type Experiment, type Metric } from '@xp/contracts';
import { adjustPValues, srmCheck, type SrmResult } from '@xp/stats';
import { EMPTY_ARM, type ExperimentStatistics } from '../analysis/experiment-statistics';
import { compareVariant } from './compare-variant';
import type { ExperimentResults, MetricResult, MetricRole } from './experiment-results';

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

function srmOf(experiment: Experiment, unitsPerVariant: Record<string, number>): SrmResult | null {
  const observed = experiment.variants.map((v) => unitsPerVariant[v.key] ?? 0);
  const weighted = experiment.variants.map((v, i) => ({ weight: v.weight, observed: observed[i] })).filter((v) => v.weight > 0);
  if (weighted.length < 2 || weighted.every((v) => v.observed === 0)) return null;
  return srmCheck({ observed: weighted.map((v) => v.observed), weights: weighted.map((v) => v.weight) });
}

/**
 * Every treatment against the control for the primary, secondary and guardrail metrics, with the
 * policy's method and α, SRM against the configured weights, and Holm-adjusted p-values over the
 * primary + secondary comparisons (family-wise control: an automated rollout acts on them, so a
 * false discovery is costlier than a missed one; guardrails have their own one-sided rule).
 */
export function computeExperimentResults(input: ComputeResultsInput): ExperimentResults {
  const { experiment, statistics } = input;
  const { method, alpha } = experiment.rolloutPolicy;
  const control = experiment.variants.find((v) => v.control)!.key;
  const treatments = experiment.variants.filter((v) => !v.control).map((v) => v.key);
  const unitsPerVariant = Object.fromEntries(experiment.variants.map((v) => [v.key, statistics.units[v.key]?.units ?? 0]));

  const wanted: { key: string; role: MetricRole; maxRegression?: number }[] = [
    { key: experiment.primaryMetric, role: 'primary' },
    ...experiment.secondaryMetrics.map((key) => ({ key, role: 'secondary' as const })),
    ...experiment.guardrailMetrics.map((g) => ({ key: g.metricKey, role: 'guardrail' as const, maxRegression: g.maxRegression })),
  ];
  const missingMetrics: string[] = [];
  const metrics: MetricResult[] = [];
  for (const { key, role, maxRegression } of wanted) {
    const metric = lookup(input.metrics, key);
    const arms = statistics.metrics[key];
    if (!metric || !arms) {
      if (!missingMetrics.includes(key)) missingMetrics.push(key);
      continue;
    }
    const comparisons = treatments.map((variant) =>
      compareVariant(
        metric,
        { controlVariant: control, variant, control: arms[control] ?? EMPTY_ARM, treatment: arms[variant] ?? EMPTY_ARM },
        { method, alpha, maxRegression },
      ),
    );
    metrics.push({ metricKey: key, role, kind: metric.kind, direction: metric.direction, comparisons });
  }

  const family = metrics.filter((m) => m.role !== 'guardrail').flatMap((m) => m.comparisons).filter((c) => c.absolute);
  if (family.length > 0) {
    const adjusted = adjustPValues({ method: 'holm', pValues: family.map((c) => c.absolute!.pValue) });
    family.forEach((c, i) => (c.adjustedPValue = adjusted[i]));
  }

  const units = Object.values(statistics.units);
  return {
    experimentKey: experiment.key,
    computedAt: input.now.toISOString(),
    stageIndex: experiment.currentStageIndex,
    percentage: experimentRolloutPercentage(experiment),
    stageStartedAt: input.stageStartedAt?.toISOString() ?? null,
    stageUnits: units.reduce((sum, u) => sum + u.stageUnits, 0),
    method,
    alpha,
    adjustment: 'holm',
    unitsPerVariant,
    excludedUnits: units.reduce((sum, u) => sum + u.excluded, 0),
    srm: srmOf(experiment, unitsPerVariant),
    metrics,
    missingMetrics,
  };
}
