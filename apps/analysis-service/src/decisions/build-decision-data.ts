import type { Experiment, MetricEstimate, RolloutDecisionData } from '@xp/contracts';
import type { ExperimentResults } from '../results/experiment-results';
import type { RolloutDecision } from './decide-rollout';

/** Same experiment, stage and kind => same id, so a replay or restart never yields a second decision. */
export function decisionIdOf(experimentKey: string, stageIndex: number, kind: string): string {
  return `${experimentKey}:${stageIndex}:${kind}`;
}

/*
 * Evidence per metric and treatment: the relative lift with the policy method's interval, the
 * p-value the decision used (Holm-adjusted for primary/secondary, raw for guardrails, whose rule
 * is the one-sided sequential bound stated in the reason). Comparisons without a relative lift
 * (control mean 0, or too few units) carry no estimate and are left out.
 */
function estimates(results: ExperimentResults): MetricEstimate[] {
  return results.metrics.flatMap((metric) =>
    metric.comparisons.flatMap((c): MetricEstimate[] => {
      if (!c.relative || !c.absolute) return [];
      return [
        {
          metricKey: metric.metricKey,
          variant: c.variant,
          controlVariant: c.controlVariant,
          lift: c.relative.estimate,
          interval: { lower: c.relative.ci[0], upper: c.relative.ci[1] },
          pValue: c.adjustedPValue ?? c.absolute.pValue,
          ...(c.chanceToWin === undefined ? {} : { chanceToWin: c.chanceToWin }),
          ...(metric.role === 'guardrail' ? { guardrail: true } : {}),
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
    method: experiment.rolloutPolicy.method,
    evidence: {
      unitsPerVariant: results.unitsPerVariant,
      metrics: estimates(results),
      ...(results.srm ? { srmPValue: results.srm.pValue } : {}),
    },
    policy: { ...experiment.rolloutPolicy },
  };
}
