import { experimentRolloutPercentage, type DecisionKind, type Experiment, type Metric } from '@xp/contracts';
import type { ExperimentResults, MetricResult, VariantComparison } from '../results/experiment-results';

export interface RolloutDecision {
  kind: DecisionKind;
  stageIndex: number;
  percentage: number;
  nextStageIndex?: number;
  nextPercentage?: number;
  reason: string;
  /** SHIP: the treatment that ships. */
  winner?: string;
}

export interface DecideRolloutInput {
  experiment: Experiment;
  results: ExperimentResults;
  /** Start of the current stage; unknown means the minimum time cannot be shown to be met. */
  stageStartedAt?: Date;
  now: Date;
}

type Direction = Metric['direction'];

const fmt = (x: number) => Number(x.toPrecision(3)).toString();
const pct = (x: number) => `${x >= 0 ? '+' : ''}${fmt(100 * x)}%`;

/** The confidence sequence excludes 0 on the metric's good side. */
export function significantlyBetter(c: VariantComparison, direction: Direction): boolean {
  if (!c.absolute) return false;
  return direction === 'increase' ? c.absolute.ci[0] > 0 : c.absolute.ci[1] < 0;
}

export function significantlyWorse(c: VariantComparison, direction: Direction): boolean {
  if (!c.absolute) return false;
  return direction === 'increase' ? c.absolute.ci[1] < 0 : c.absolute.ci[0] > 0;
}

/** How good the estimate is in the metric's direction (larger is better). */
const goodness = (c: VariantComparison, direction: Direction) => (direction === 'increase' ? 1 : -1) * (c.absolute?.estimate ?? 0);

function describe(metricKey: string, c: VariantComparison): string {
  if (c.relative) return `${metricKey} ${c.variant} ${pct(c.relative.estimate)} [${pct(c.relative.ci[0])}, ${pct(c.relative.ci[1])}]`;
  const a = c.absolute!;
  return `${metricKey} ${c.variant} ${fmt(a.estimate)} absolute [${fmt(a.ci[0])}, ${fmt(a.ci[1])}] (control mean ${fmt(c.control.mean)})`;
}

/** The best treatment by the primary estimate in its good direction; ties keep the variants' order. */
function best(comparisons: VariantComparison[], direction: Direction): VariantComparison | undefined {
  return comparisons.reduce<VariantComparison | undefined>((top, c) => (!top || goodness(c, direction) > goodness(top, direction) ? c : top), undefined);
}

interface Promotion {
  /** Treatments that may ship. */
  eligible: VariantComparison[];
  evidence: string;
}

/** win: some treatment is significantly better on the primary metric. */
function winPromotion(primary: MetricResult | undefined): Promotion | undefined {
  if (!primary) return undefined;
  const winners = primary.comparisons.filter((c) => significantlyBetter(c, primary.direction));
  if (winners.length === 0) return undefined;
  return { eligible: winners, evidence: `${winners.map((c) => describe(primary.metricKey, c)).join(', ')} better` };
}

/**
 * safe: every guardrail of every treatment is shown within its tolerance (advancing exposes more
 * units to all of them); a treatment significantly worse on the primary metric never ships.
 */
function safePromotion(results: ExperimentResults, primary: MetricResult | undefined): Promotion | undefined {
  const guardrails = results.metrics.filter((m) => m.role === 'guardrail');
  if (guardrails.length === 0) return undefined;
  const unsafe = guardrails.some((m) => m.comparisons.some((c) => !c.guardrail?.nonInferior));
  if (unsafe) return undefined;
  const variants = guardrails[0].comparisons.map((c) => c.variant);
  const eligible = primary
    ? primary.comparisons.filter((c) => variants.includes(c.variant) && !significantlyWorse(c, primary.direction))
    : variants.map((variant) => ({ variant }) as VariantComparison);
  if (eligible.length === 0) return undefined;
  const shown = guardrails.map((m) => `${m.metricKey} within ${fmt(100 * m.comparisons[0].guardrail!.maxRegression)}%`).join(', ');
  return { eligible, evidence: `every guardrail shown non-inferior (${shown})` };
}

/**
 * The rollout policy applied to one snapshot of results, in order of precedence:
 * 1. sample ratio mismatch (sequential test) -> HOLD: the numbers cannot be trusted;
 * 2. a guardrail shown to regress beyond its tolerance -> ROLLBACK;
 * 3. the stage's minimum units and duration met, and
 *    - advanceOn 'win': some treatment significantly better on the primary metric, or
 *    - advanceOn 'safe': every guardrail of every treatment shown non-inferior
 *    -> ADVANCE, or SHIP at the last stage with the best eligible treatment as winner;
 * 4. otherwise no decision (null).
 * Every test is the anytime-valid sequential one at its family's Bonferroni level, so deciding at
 * every analysis keeps P(false ADVANCE/SHIP) and P(false ROLLBACK) below α.
 * `requiresApproval` does not change the outcome: deployment-service holds an ADVANCE for approval.
 */
export function decideRollout(input: DecideRolloutInput): RolloutDecision | null {
  const { experiment, results, now } = input;
  const policy = experiment.rolloutPolicy;
  const stageIndex = experiment.currentStageIndex;
  const base = { stageIndex, percentage: experimentRolloutPercentage(experiment) };

  if (results.srm?.mismatch) {
    const observed = Object.entries(results.unitsPerVariant).map(([v, n]) => `${v}=${n}`).join(', ');
    return { ...base, kind: 'HOLD', reason: `sample ratio mismatch (sequential p=${results.srm.pValue.toExponential(2)}; units ${observed})` };
  }

  const regressions = results.metrics
    .filter((m) => m.role === 'guardrail')
    .flatMap((m) => m.comparisons.filter((c) => c.guardrail?.regression).map((c) => `${describe(m.metricKey, c)}, tolerance ${fmt(100 * c.guardrail!.maxRegression)}%`));
  if (regressions.length > 0) return { ...base, kind: 'ROLLBACK', reason: `guardrail regression: ${regressions.join('; ')}` };

  if (results.stageUnits < policy.minUnitsPerStage) return null;
  const stageStartedAt = input.stageStartedAt;
  if (!stageStartedAt || now.getTime() - stageStartedAt.getTime() < policy.minDurationPerStage * 1000) return null;

  const primary = results.metrics.find((m) => m.role === 'primary');
  const promotion = policy.advanceOn === 'safe' ? safePromotion(results, primary) : winPromotion(primary);
  if (!promotion) return null;

  const evidence = `${promotion.evidence}; ${results.stageUnits} units in stage`;
  const nextStageIndex = stageIndex + 1;
  if (nextStageIndex >= policy.stages.length) {
    const winner = primary ? best(promotion.eligible, primary.direction) : promotion.eligible[0];
    return { ...base, kind: 'SHIP', winner: winner!.variant, reason: `last stage, ships ${winner!.variant}: ${evidence}` };
  }
  return { ...base, kind: 'ADVANCE', nextStageIndex, nextPercentage: policy.stages[nextStageIndex], reason: evidence };
}
