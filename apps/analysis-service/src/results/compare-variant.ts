import type { Metric } from '@xp/contracts';
import {
  bayesianTest,
  normalCdf,
  normalQuantile,
  normalRisk,
  relativeMarginTest,
  sequentialLift,
  StatsError,
  type ArmSummary,
  type GaussianPrior,
} from '@xp/stats';
import type { SummarizedArms } from './arm-summaries';
import type { BayesianReadout, GuardrailCheck, VariantComparison } from './experiment-results';

export interface CompareVariantOptions {
  /** How the results are read; decisions always come from the sequential test. */
  method: 'sequential' | 'bayesian';
  alpha: number;
  /** N* of the confidence sequence. */
  tuning: number;
  /** Comparisons in this comparison's decision family (Bonferroni). */
  multiplicity: number;
  direction: Metric['direction'];
  /** Set for guardrail metrics: adds the tolerance tests. */
  maxRegression?: number;
}

/** A proper prior on the relative lift (GrowthBook's proper-prior default): no posterior is ever certain. */
export const DEFAULT_BAYESIAN_PRIOR: GaussianPrior = { mean: 0, variance: 0.3 * 0.3 };

function guardrailCheck(arms: SummarizedArms, options: CompareVariantOptions, maxRegression: number): GuardrailCheck {
  const margin = options.direction === 'increase' ? -maxRegression : maxRegression;
  const test = relativeMarginTest(arms.control, arms.treatment, margin, options);
  const [regression, nonInferior] = options.direction === 'increase' ? [test.below, test.above] : [test.above, test.below];
  return { maxRegression, margin, regression, nonInferior, pValue: test.pValue };
}

/** Posterior readout in the metric's good direction; on the absolute scale (flat prior) when the control mean is 0. */
function bayesianReadout(control: ArmSummary, treatment: ArmSummary, options: CompareVariantOptions, level: number): BayesianReadout {
  const good = options.direction === 'increase' ? 1 : -1;
  const orient = ([keep, ship]: [number, number]): [number, number] => (good > 0 ? [keep, ship] : [ship, keep]);
  if (control.mean !== 0) {
    const posterior = bayesianTest(control, treatment, { alpha: level, prior: DEFAULT_BAYESIAN_PRIOR });
    const pBetter = good > 0 ? posterior.chanceToWin : 1 - posterior.chanceToWin;
    return { chanceToWin: pBetter, risk: orient(posterior.risk), estimate: posterior.relative.estimate, credibleInterval: posterior.relative.ci, scale: 'relative' };
  }
  const mean = treatment.mean - control.mean;
  const sd = Math.sqrt(treatment.variance / treatment.n + control.variance / control.n);
  const pUp = 1 - normalCdf(0, mean, sd);
  return {
    chanceToWin: good > 0 ? pUp : 1 - pUp,
    risk: orient(normalRisk({ mean, sd })),
    estimate: mean,
    credibleInterval: [normalQuantile(level / 2, mean, sd), normalQuantile(1 - level / 2, mean, sd)],
    scale: 'absolute',
  };
}

/**
 * Compares one treatment arm to the control with the anytime-valid sequential test at the family's
 * level. Statistical dead ends (too few units, no variance at all) become `notEnoughData`, which
 * decides nothing, instead of exceptions or certainties.
 */
export function compareVariant(
  arms: { controlVariant: string; variant: string; control: { n: number; mean: number }; treatment: { n: number; mean: number } },
  summarize: () => SummarizedArms,
  options: CompareVariantOptions,
): VariantComparison {
  try {
    const summaries = summarize();
    const inference = sequentialLift(summaries.control, summaries.treatment, options);
    // One literal of a fixed shape (absent parts undefined, which JSON leaves out): this runs for
    // every comparison at every analysis, and spreading optional parts cost 10x the statistics.
    return {
      variant: arms.variant,
      controlVariant: arms.controlVariant,
      control: arms.control,
      treatment: arms.treatment,
      level: inference.level,
      absolute: inference.absolute,
      relative: inference.relative,
      cuped: summaries.cuped,
      guardrail: options.maxRegression === undefined ? undefined : guardrailCheck(summaries, options, options.maxRegression),
      bayesian: options.method === 'bayesian' ? bayesianReadout(summaries.control, summaries.treatment, options, inference.level) : undefined,
    };
  } catch (err) {
    if (err instanceof StatsError) {
      return { variant: arms.variant, controlVariant: arms.controlVariant, control: arms.control, treatment: arms.treatment, notEnoughData: err.message };
    }
    throw err;
  }
}
