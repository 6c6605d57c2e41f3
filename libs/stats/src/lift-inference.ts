import type { ArmSummary } from './arm-summary';
import type { LiftInterval } from './comparison-result';
import { sequentialBoundary, sequentialZPValue } from './normal-mixture';
import { assertAlpha, StatsError } from './stats-error';

/**
 * Decision-grade inference on one treatment against control, valid at every sample size at once.
 *
 * Everything is a test of a linear contrast D(c) = μT − c·μC of the two arm means, whose variance
 * vT + c²·vC (v = per-unit variance / n) never divides by a mean, with the asymptotic confidence
 * sequence (normal-mixture.ts) at level α/multiplicity (Bonferroni):
 * - the absolute lift μT − μC is D(1);
 * - the relative lift r = (μT − μC)/|μC| is tested against a margin m through D(1 + s·m), s = sign
 *   of the control mean (Fieller's construction): "r < m" and "r > m" are claims about the sign of
 *   D, so they stay valid when the control mean is 0 or barely measured (0 crashes in control);
 * - its interval is the set of margins no test rejects (Fieller), bounded only when the control
 *   mean is itself distinguishable from 0 at that level, else null.
 * Intervals, p-values and margin tests therefore come from the same test and the same correction:
 * adjusted p < α exactly when the interval excludes 0.
 */
export interface SequentialLiftOptions {
  alpha: number;
  /** N*: the total sample size at which the sequence is tightest. */
  tuning: number;
  /** Comparisons in the decision family (Bonferroni): the level is α/multiplicity. */
  multiplicity?: number;
}

export interface LiftInference {
  /** α/multiplicity: the level of every interval here. */
  level: number;
  /** Half-width of the intervals in standard errors. */
  boundary: number;
  absolute: LiftInterval;
  /** null when the control mean is not distinguishable from 0 at this level (the ratio is unbounded). */
  relative: LiftInterval | null;
}

export interface MarginTest {
  /** The relative margin tested, e.g. −0.02 for "at most 2 % worse". */
  margin: number;
  /** D(1 + s·margin) over its standard error: below −boundary means r < margin, above +boundary r > margin. */
  z: number;
  /** Always-valid p-value of "r = margin", Bonferroni-adjusted. */
  pValue: number;
  /** The data show r below the margin. */
  below: boolean;
  /** The data show r above the margin. */
  above: boolean;
}

const varianceOfMean = (arm: ArmSummary) => arm.variance / arm.n;

function levelOf({ alpha, multiplicity = 1 }: SequentialLiftOptions): number {
  assertAlpha(alpha);
  if (!(Number.isInteger(multiplicity) && multiplicity >= 1)) {
    throw new StatsError('INVALID_INPUT', `multiplicity must be a whole number >= 1, got ${multiplicity}`, { multiplicity });
  }
  return alpha / multiplicity;
}

function assertTuning(tuning: number): void {
  if (!(tuning > 0 && Number.isFinite(tuning))) {
    throw new StatsError('INVALID_INPUT', `sequentialTuning must be a positive number, got ${tuning}`, { tuning });
  }
}

/** z of D(c) = μT − c·μC; throws ZERO_VARIANCE when neither arm carries any variance. */
function contrastZ(control: ArmSummary, treatment: ArmSummary, c: number): number {
  const variance = varianceOfMean(treatment) + c * c * varianceOfMean(control);
  if (!(variance > 0)) {
    throw new StatsError('ZERO_VARIANCE', 'both arms have zero variance: no test is possible', {
      controlMean: control.mean,
      treatmentMean: treatment.mean,
    });
  }
  return (treatment.mean - c * control.mean) / Math.sqrt(variance);
}

const controlSign = (control: ArmSummary) => (control.mean < 0 ? -1 : 1);

/** Fieller interval of r at boundary b (in standard errors), or null when it is unbounded. */
export function fiellerRelative(control: ArmSummary, treatment: ArmSummary, b: number): [number, number] | null {
  const vC = varianceOfMean(control);
  const vT = varianceOfMean(treatment);
  const muC = control.mean;
  const muT = treatment.mean;
  // R = μT/μC is covered where (μT − R μC)² ≤ b²(vT + R² vC): a R² − 2 μTμC R + c ≤ 0.
  const a = muC * muC - b * b * vC;
  if (!(a > 0)) return null;
  const c = muT * muT - b * b * vT;
  const half = Math.sqrt(Math.max(0, muT * muT * muC * muC - a * c));
  const low = (muT * muC - half) / a;
  const high = (muT * muC + half) / a;
  return controlSign(control) > 0 ? [low - 1, high - 1] : [1 - high, 1 - low];
}

export function sequentialLift(control: ArmSummary, treatment: ArmSummary, options: SequentialLiftOptions): LiftInference {
  const level = levelOf(options);
  assertTuning(options.tuning);
  const totalUnits = control.n + treatment.n;
  const boundary = sequentialBoundary(totalUnits, level, options.tuning);
  const multiplicity = options.multiplicity ?? 1;
  const z = contrastZ(control, treatment, 1);
  const pValue = Math.min(1, multiplicity * sequentialZPValue(z, totalUnits, options.tuning));

  const estimate = treatment.mean - control.mean;
  const se = Math.sqrt(varianceOfMean(treatment) + varianceOfMean(control));
  const absolute: LiftInterval = { estimate, ci: [estimate - boundary * se, estimate + boundary * se], se, pValue };

  const interval = control.mean === 0 ? null : fiellerRelative(control, treatment, boundary);
  const relative: LiftInterval | null = interval && {
    estimate: estimate / Math.abs(control.mean),
    ci: interval,
    se: deltaRelativeSe(control, treatment),
    pValue,
  };
  return { level, boundary, absolute, relative };
}

/** The delta-method standard error of r, reported for reading only (the interval is Fieller's). */
function deltaRelativeSe(control: ArmSummary, treatment: ArmSummary): number {
  const muC2 = control.mean * control.mean;
  return Math.sqrt(varianceOfMean(treatment) / muC2 + (treatment.mean * treatment.mean * varianceOfMean(control)) / (muC2 * muC2));
}

/** Tests the relative lift against a margin with the same sequence and correction as sequentialLift. */
export function relativeMarginTest(control: ArmSummary, treatment: ArmSummary, margin: number, options: SequentialLiftOptions): MarginTest {
  const level = levelOf(options);
  assertTuning(options.tuning);
  const totalUnits = control.n + treatment.n;
  const boundary = sequentialBoundary(totalUnits, level, options.tuning);
  const z = contrastZ(control, treatment, 1 + controlSign(control) * margin);
  const pValue = Math.min(1, (options.multiplicity ?? 1) * sequentialZPValue(z, totalUnits, options.tuning));
  return { margin, z, pValue, below: z < -boundary, above: z > boundary };
}
