import { z } from 'zod';
import type { ArmSummary } from './arm-summary';
import type { BayesianComparisonResult, LiftInterval } from './comparison-result';
import { normalCdf, normalPdf, normalQuantile } from './distributions';
import { type EffectEstimate, estimateDifference } from './estimate-difference';
import { assertAlpha, StatsError } from './stats-error';

/** Gaussian prior on the relative lift. */
export const gaussianPriorSchema = z.object({
  mean: z.number().finite(),
  variance: z.number().finite().positive(),
});
export type GaussianPrior = z.infer<typeof gaussianPriorSchema>;

export interface BayesianTestOptions {
  alpha: number;
  /** Flat (improper) prior when absent. */
  prior?: GaussianPrior;
}

interface NormalPosterior {
  mean: number;
  sd: number;
}

function posterior({ estimate, se }: EffectEstimate, prior?: GaussianPrior): NormalPosterior {
  if (!prior) return { mean: estimate, sd: se };
  const precision = 1 / (se * se) + 1 / prior.variance;
  return { mean: (estimate / (se * se) + prior.mean / prior.variance) / precision, sd: Math.sqrt(1 / precision) };
}

function credibleInterval({ mean, sd }: NormalPosterior, alpha: number): LiftInterval {
  const upperTail = normalCdf(0, mean, sd);
  return {
    estimate: mean,
    ci: [normalQuantile(alpha / 2, mean, sd), normalQuantile(1 - alpha / 2, mean, sd)],
    se: sd,
    // Posterior two-sided tail probability; equals the z-test p-value under a flat prior.
    pValue: Math.min(1, 2 * Math.min(upperTail, 1 - upperTail)),
  };
}

/** [E max(lift, 0), E max(-lift, 0)]: what keeping control, resp. shipping treatment, is expected to cost. */
export function normalRisk({ mean, sd }: NormalPosterior): [number, number] {
  const z = mean / sd;
  const density = sd * normalPdf(z);
  return [mean * normalCdf(z) + density, -mean * normalCdf(-z) + density];
}

/**
 * Normal model on the relative lift (delta-method likelihood), conjugate Gaussian prior.
 * The absolute block uses the same prior rescaled by |μC| (mean·|μC|, variance·μC²).
 */
export function bayesianTest(
  control: ArmSummary,
  treatment: ArmSummary,
  { alpha, prior }: BayesianTestOptions,
): BayesianComparisonResult {
  assertAlpha(alpha);
  const diff = estimateDifference(control, treatment);
  if (!diff.relative) {
    throw new StatsError('CONTROL_MEAN_ZERO', 'control mean is 0: the relative lift the Bayesian model uses is undefined');
  }
  const scale = Math.abs(control.mean);
  const absolutePrior = prior && { mean: prior.mean * scale, variance: prior.variance * scale * scale };
  const relativePosterior = posterior(diff.relative, prior);
  return {
    absolute: credibleInterval(posterior(diff.absolute, absolutePrior), alpha),
    relative: credibleInterval(relativePosterior, alpha),
    chanceToWin: 1 - normalCdf(0, relativePosterior.mean, relativePosterior.sd),
    risk: normalRisk(relativePosterior),
  };
}
