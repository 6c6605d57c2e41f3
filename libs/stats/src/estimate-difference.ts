import type { ArmSummary } from './arm-summary';
import { StatsError } from './stats-error';

export interface EffectEstimate {
  estimate: number;
  se: number;
}

export interface Difference {
  absolute: EffectEstimate;
  /** null when the control mean is 0: a relative lift is undefined there. */
  relative: EffectEstimate | null;
  /** Welch-Satterthwaite degrees of freedom, shared by the absolute and relative tests. */
  df: number;
  /** Units in both arms (the sequential method's n). */
  totalUnits: number;
}

/** Absolute and relative (delta-method) differences treatment - control, with Welch df. */
export function estimateDifference(control: ArmSummary, treatment: ArmSummary): Difference {
  const termC = control.variance / control.n;
  const termT = treatment.variance / treatment.n;
  const seSquared = termC + termT;
  if (!(seSquared > 0)) {
    throw new StatsError('ZERO_VARIANCE', 'both arms have zero variance: no test is possible', {
      controlMean: control.mean,
      treatmentMean: treatment.mean,
    });
  }
  const df = (seSquared * seSquared) / ((termC * termC) / (control.n - 1) + (termT * termT) / (treatment.n - 1));
  const absolute = { estimate: treatment.mean - control.mean, se: Math.sqrt(seSquared) };
  return { absolute, relative: relativeLift(control, treatment), df, totalUnits: control.n + treatment.n };
}

function relativeLift(control: ArmSummary, treatment: ArmSummary): EffectEstimate | null {
  const muC = control.mean;
  const muT = treatment.mean;
  if (muC === 0) return null;
  const muC2 = muC * muC;
  const variance = treatment.variance / (treatment.n * muC2) + (muT * muT * control.variance) / (control.n * muC2 * muC2);
  return { estimate: (muT - muC) / Math.abs(muC), se: Math.sqrt(variance) };
}
