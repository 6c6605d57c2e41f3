import { experimentRolloutPercentage, type DecisionKind, type Experiment } from '@xp/contracts';
import type { ExperimentResults, VariantComparison } from '../results/experiment-results';

export interface RolloutDecision {
  kind: DecisionKind;
  stageIndex: number;
  percentage: number;
  nextStageIndex?: number;
  nextPercentage?: number;
  reason: string;
}

export interface DecideRolloutInput {
  experiment: Experiment;
  results: ExperimentResults;
  /** Start of the current stage; unknown means the minimum time cannot be shown to be met. */
  stageStartedAt?: Date;
  now: Date;
}

const fmt = (x: number) => Number(x.toPrecision(4)).toString();
const tolerance = (direction: 'increase' | 'decrease', maxRegression: number) => (direction === 'increase' ? -maxRegression : maxRegression);

/** Is the treatment better than control in the metric's good direction, with the policy's significance? */
function significantlyBetter(c: VariantComparison, direction: 'increase' | 'decrease', method: string, alpha: number): boolean {
  const estimate = c.relative?.estimate ?? c.absolute?.estimate;
  if (estimate === undefined || estimate === 0 || (estimate > 0) !== (direction === 'increase')) return false;
  if (method === 'bayesian') {
    if (c.chanceToWin === undefined) return false;
    const chanceBetter = direction === 'increase' ? c.chanceToWin : 1 - c.chanceToWin;
    return chanceBetter >= 1 - alpha;
  }
  return c.adjustedPValue !== undefined && c.adjustedPValue < alpha;
}

/**
 * The rollout policy applied to one snapshot of results, in order of precedence:
 * 1. SRM mismatch -> HOLD (the numbers cannot be trusted, so nothing else is judged);
 * 2. a guardrail regressed beyond its tolerance (one-sided sequential check) -> ROLLBACK;
 * 3. the primary metric is significantly better for some treatment and the stage's minimum units
 *    and minimum duration are met -> ADVANCE, or SHIP at the last stage;
 * 4. otherwise no decision (null).
 * `requiresApproval` does not change the outcome: deployment-service holds an ADVANCE for approval.
 */
export function decideRollout(input: DecideRolloutInput): RolloutDecision | null {
  const { experiment, results, now } = input;
  const policy = experiment.rolloutPolicy;
  const stageIndex = experiment.currentStageIndex;
  const base = { stageIndex, percentage: experimentRolloutPercentage(experiment) };

  if (results.srm?.mismatch) {
    const observed = Object.entries(results.unitsPerVariant).map(([v, n]) => `${v}=${n}`).join(', ');
    return { ...base, kind: 'HOLD', reason: `sample ratio mismatch (p=${results.srm.pValue.toExponential(2)}; units ${observed})` };
  }

  const regressions = results.metrics
    .filter((m) => m.role === 'guardrail')
    .flatMap((m) => m.comparisons.filter((c) => c.guardrail?.regression).map((c) => ({ metric: m, c })));
  if (regressions.length > 0) {
    const details = regressions.map(
      ({ metric, c }) =>
        `${metric.metricKey} (${c.variant}: lift ${fmt(c.relative?.estimate ?? 0)}, bound ${fmt(c.guardrail!.bound!)}, tolerance ${fmt(tolerance(metric.direction, c.guardrail!.maxRegression))})`,
    );
    return { ...base, kind: 'ROLLBACK', reason: `guardrail regression: ${details.join('; ')}` };
  }

  const primary = results.metrics.find((m) => m.role === 'primary');
  if (!primary) return null;
  const winners = primary.comparisons.filter((c) => significantlyBetter(c, primary.direction, policy.method, policy.alpha));
  if (winners.length === 0) return null;
  if (results.stageUnits < policy.minUnitsPerStage) return null;
  const stageStartedAt = input.stageStartedAt;
  if (!stageStartedAt || now.getTime() - stageStartedAt.getTime() < policy.minDurationPerStage * 1000) return null;

  const winnerText = winners.map((c) => `${c.variant} lift ${fmt(c.relative?.estimate ?? c.absolute!.estimate)}`).join(', ');
  const evidence = `${primary.metricKey} better (${winnerText}); ${results.stageUnits} units in stage`;
  const nextStageIndex = stageIndex + 1;
  if (nextStageIndex >= policy.stages.length) {
    return { ...base, kind: 'SHIP', reason: `last stage: ${evidence}` };
  }
  return { ...base, kind: 'ADVANCE', nextStageIndex, nextPercentage: policy.stages[nextStageIndex], reason: evidence };
}
