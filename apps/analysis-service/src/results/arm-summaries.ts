import type { Metric } from '@xp/contracts';
import { cupedAdjust, cupedRatioAdjust, decisionArm, summarizeQuantileArm, summarizeRatioArm, type ArmSummary, type CupedRatioArmSums } from '@xp/stats';
import type { ArmStatistics, QuantileArmStatistics } from '../analysis/experiment-statistics';

export interface SummarizedArms {
  control: ArmSummary;
  treatment: ArmSummary;
  cuped?: { theta: number; varianceReduction: number };
}

const variance = (a: ArmStatistics) => a.sumSquares - (a.sum * a.sum) / Math.max(1, a.n);
const hasCovariate = (a: ArmStatistics) => a.covariateSumSquares > 0;

/*
 * CUPED needs a covariate somewhere and variance in the metric in both arms: with no variance in
 * an arm (say 0 conversions) the regression has nothing to adjust and the plain summary, with its
 * honest variance, is what the test should see.
 */
const cupedApplies = (c: ArmStatistics, t: ArmStatistics) => (hasCovariate(c) || hasCovariate(t)) && variance(c) > 0 && variance(t) > 0;

function ratioSums(a: ArmStatistics): CupedRatioArmSums {
  const r = a.ratio!;
  return {
    n: a.n,
    numerator: { sum: a.sum, sumSquares: a.sumSquares },
    denominator: { sum: r.denominatorSum, sumSquares: r.denominatorSumSquares },
    numeratorPre: { sum: a.covariateSum, sumSquares: a.covariateSumSquares },
    denominatorPre: { sum: r.denominatorCovariateSum, sumSquares: r.denominatorCovariateSumSquares },
    products: {
      numeratorDenominator: r.numeratorDenominator,
      numeratorNumeratorPre: a.sumProducts,
      numeratorDenominatorPre: r.numeratorDenominatorPre,
      denominatorNumeratorPre: r.denominatorNumeratorPre,
      denominatorDenominatorPre: r.denominatorDenominatorPre,
      numeratorPreDenominatorPre: r.numeratorPreDenominatorPre,
    },
  };
}

function summarizeRatio(control: ArmStatistics, treatment: ArmStatistics): SummarizedArms {
  const pre = (a: ArmStatistics) => (a.ratio?.denominatorCovariateSum ?? 0) > 0;
  if (pre(control) && pre(treatment)) {
    const cuped = cupedRatioAdjust(ratioSums(control), ratioSums(treatment));
    return { control: cuped.control, treatment: cuped.treatment, cuped: { theta: cuped.theta, varianceReduction: cuped.varianceReduction } };
  }
  const plain = (a: ArmStatistics, arm: string) =>
    summarizeRatioArm(
      {
        n: a.n,
        numeratorSum: a.sum,
        numeratorSumSquares: a.sumSquares,
        denominatorSum: a.ratio?.denominatorSum ?? 0,
        denominatorSumSquares: a.ratio?.denominatorSumSquares ?? 0,
        sumProducts: a.ratio?.numeratorDenominator ?? 0,
      },
      arm,
    );
  return { control: plain(control, 'control'), treatment: plain(treatment, 'treatment') };
}

/** The two arms a comparison is taken on, by metric kind (binomial, count, sum, mean, ratio). */
export function summarizeArms(metric: Pick<Metric, 'kind'>, control: ArmStatistics, treatment: ArmStatistics): SummarizedArms {
  if (metric.kind === 'ratio') return summarizeRatio(control, treatment);
  // Per-unit means have no covariate: a unit's pre-exposure mean exists only if it had events then.
  if (metric.kind !== 'mean' && cupedApplies(control, treatment)) {
    const cuped = cupedAdjust(control, treatment);
    return { control: cuped.control, treatment: cuped.treatment, cuped: { theta: cuped.theta, varianceReduction: cuped.varianceReduction } };
  }
  const type = metric.kind === 'binomial' ? 'proportion' : 'mean';
  return { control: decisionArm(type, control, 'control'), treatment: decisionArm(type, treatment, 'treatment') };
}

export function summarizeQuantileArms(metric: Pick<Metric, 'quantile'>, control: QuantileArmStatistics, treatment: QuantileArmStatistics): SummarizedArms {
  const quantile = metric.quantile ?? 0.5;
  return {
    control: summarizeQuantileArm({ quantile, ...control }, 'control'),
    treatment: summarizeQuantileArm({ quantile, ...treatment }, 'treatment'),
  };
}
