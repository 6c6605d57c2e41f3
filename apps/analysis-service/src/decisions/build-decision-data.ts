import type { Experiment, MetricEstimate, RolloutDecisionData } from '@xp/contracts';
import type { ExperimentResults } from '../results/experiment-results';
import type { RolloutDecision } from './decide-rollout';

/** Same experiment, stage and kind => same id, so a replay or restart never yields a second decision. */
export function decisionIdOf(experimentKey: string, stageIndex: number, kind: string): string {
  return `${experimentKey}:${stageIndex}:${kind}`;
}

/*
 * Evidence per metric and treatment, straight from the comparison the decision read: the relative
 * lift with its Fieller confidence sequence (when bounded), the absolute lift with its sequence,
 * the always-valid p-value of that same sequence with the family's Bonferroni correction, and for
 * guardrails what the sequence shows against the tolerance. Comparisons without data yet are left out.
 */
function estimates(results: ExperimentResults): MetricEstimate[] {
  return results.metrics.flatMap((metric) =>
    metric.comparisons.flatMap((c): MetricEstimate[] => {
      if (!c.absolute) return [];
      const interval = (ci: [number, number]) => ({ lower: ci[0], upper: ci[1] });
      const lift = c.relative?.estimate ?? (c.control.mean === 0 ? undefined : c.absolute.estimate / Math.abs(c.control.mean));
      return [
        {
          metricKey: metric.metricKey,
          variant: c.variant,
          controlVariant: c.controlVariant,
          ...(lift === undefined ? {} : { lift }),
          ...(c.relative ? { interval: interval(c.relative.ci) } : {}),
          absoluteLift: c.absolute.estimate,
          absoluteInterval: interval(c.absolute.ci),
          pValue: c.absolute.pValue,
          ...(c.level === undefined ? {} : { level: c.level }),
          ...(c.bayesian ? { chanceToWin: c.bayesian.chanceToWin } : {}),
          ...(c.guardrail
            ? { guardrail: true, tolerance: c.guardrail.maxRegression, regression: c.guardrail.regression, nonInferior: c.guardrail.nonInferior }
            : {}),
        },
      ];
    }),
  );
}

export function buildDecisionData(experiment: Experiment, decision: RolloutDecision, results: ExperimentResults): RolloutDecisionData {
  return {
    decisionId: decisionIdOf(experiment.key, decision.stageIndex, decision.kind),
    experimentKey: experiment.key,
    kind: decision.kind,
    stageIndex: decision.stageIndex,
    percentage: decision.percentage,
    ...(decision.nextStageIndex === undefined ? {} : { nextStageIndex: decision.nextStageIndex, nextPercentage: decision.nextPercentage }),
    reason: decision.reason,
    method: results.method,
    evidence: {
      unitsPerVariant: results.unitsPerVariant,
      metrics: estimates(results),
      ...(results.srm ? { srmPValue: results.srm.pValue } : {}),
    },
    ...(decision.winner ? { winner: decision.winner } : {}),
    policy: { ...experiment.rolloutPolicy },
  };
}
