import type { Metric } from '@xp/contracts';
import { compareSummaries, cupedAdjust, sequentialTest, summarizeArm, type ArmSummary, type CompareResult } from '@xp/stats';
import type { ArmStatistics } from '../analysis/experiment-statistics';
import type { GuardrailCheck, VariantComparison } from './experiment-results';

export interface CompareVariantOptions {
  method: 'fixed' | 'sequential' | 'bayesian';
  alpha: number;
  /** Set for guardrail metrics: adds the one-sided sequential tolerance check. */
  maxRegression?: number;
}

const hasCovariate = (arm: ArmStatistics) => arm.covariateSumSquares > 0;

/** CUPED-adjusted arms when any unit had pre-exposure activity, else the plain summaries. */
function summarize(metric: Pick<Metric, 'kind'>, control: ArmStatistics, treatment: ArmStatistics) {
  if (hasCovariate(control) || hasCovariate(treatment)) {
    const cuped = cupedAdjust(control, treatment);
    return { control: cuped.control, treatment: cuped.treatment, cuped: { theta: cuped.theta, varianceReduction: cuped.varianceReduction } };
  }
  const type = metric.kind === 'binomial' ? 'proportion' : 'mean';
  return { control: summarizeArm(type, control, 'control'), treatment: summarizeArm(type, treatment, 'treatment'), cuped: undefined };
}

/*
 * A one-sided sequence at level α is one side of the two-sided sequence at 2α. The guardrail
 * fails only when even the bound on the good side lies beyond the tolerated regression.
 */
function guardrailCheck(metric: Pick<Metric, 'direction'>, control: ArmSummary, treatment: ArmSummary, alpha: number, maxRegression: number): GuardrailCheck {
  const relative = sequentialTest(control, treatment, { alpha: Math.min(2 * alpha, 0.999) }).relative;
  if (!relative) return { maxRegression, bound: null, regression: false };
  if (metric.direction === 'increase') return { maxRegression, bound: relative.ci[1], regression: relative.ci[1] < -maxRegression };
  return { maxRegression, bound: relative.ci[0], regression: relative.ci[0] > maxRegression };
}

/** Compares one treatment arm to the control; statistical impossibilities become `error`, not exceptions. */
export function compareVariant(
  metric: Pick<Metric, 'kind' | 'direction'>,
  arms: { controlVariant: string; variant: string; control: ArmStatistics; treatment: ArmStatistics },
  options: CompareVariantOptions,
): VariantComparison {
  const { control, treatment } = arms;
  const base: VariantComparison = {
    variant: arms.variant,
    controlVariant: arms.controlVariant,
    control: { n: control.n, mean: control.n > 0 ? control.sum / control.n : 0 },
    treatment: { n: treatment.n, mean: treatment.n > 0 ? treatment.sum / treatment.n : 0 },
  };
  try {
    const summaries = summarize(metric, control, treatment);
    const result: CompareResult = compareSummaries(summaries.control, summaries.treatment, { method: options.method, alpha: options.alpha });
    return {
      ...base,
      absolute: result.absolute,
      relative: result.relative,
      ...('chanceToWin' in result ? { chanceToWin: result.chanceToWin } : {}),
      ...(summaries.cuped ? { cuped: summaries.cuped } : {}),
      ...(options.maxRegression === undefined
        ? {}
        : { guardrail: guardrailCheck(metric, summaries.control, summaries.treatment, options.alpha, options.maxRegression) }),
    };
  } catch (err) {
    return { ...base, error: err instanceof Error ? err.message : String(err) };
  }
}
