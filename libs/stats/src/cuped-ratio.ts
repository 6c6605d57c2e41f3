import { z } from 'zod';
import type { ArmSummary } from './arm-summary';
import { parseInput } from './parse-input';
import { covariance, moments } from './ratio-summary';
import { StatsError } from './stats-error';

const sumsSchema = z.object({ sum: z.number().finite(), sumSquares: z.number().finite().nonnegative() });

/** One arm of a ratio metric with its pre-exposure numerator and denominator (the CUPED covariate). */
export const cupedRatioArmSumsSchema = z.object({
  n: z.number().int().nonnegative(),
  numerator: sumsSchema,
  denominator: sumsSchema,
  numeratorPre: sumsSchema,
  denominatorPre: sumsSchema,
  /** Σ over units of each product of two of the four per-unit values. */
  products: z.object({
    numeratorDenominator: z.number().finite(),
    numeratorNumeratorPre: z.number().finite(),
    numeratorDenominatorPre: z.number().finite(),
    denominatorNumeratorPre: z.number().finite(),
    denominatorDenominatorPre: z.number().finite(),
    numeratorPreDenominatorPre: z.number().finite(),
  }),
});
export type CupedRatioArmSums = z.infer<typeof cupedRatioArmSumsSchema>;

export interface CupedRatioResult {
  theta: number;
  control: ArmSummary;
  treatment: ArmSummary;
  /** 1 - adjusted/unadjusted variance of the absolute difference. */
  varianceReduction: number;
}

type Vector4 = [number, number, number, number];

interface ArmMoments {
  n: number;
  /** Means of m, d, m_pre, d_pre. */
  mean: Vector4;
  /** Their 4 × 4 sample covariance matrix (per unit). */
  cov: Vector4[];
  ratioPre: number;
}

function armMoments(s: CupedRatioArmSums, arm: string): ArmMoments {
  const { n } = s;
  if (n < 2) throw new StatsError('INSUFFICIENT_SAMPLE', `${arm} needs at least 2 units, got ${n}`, { arm, n });
  const parts = [s.numerator, s.denominator, s.numeratorPre, s.denominatorPre];
  const m = parts.map((p) => moments(n, p.sum, p.sumSquares));
  if (m[1].mean === 0) throw new StatsError('INSUFFICIENT_SAMPLE', `${arm} has no denominator (Σd = 0): the ratio is undefined`, { arm, n });
  const p = s.products;
  const cross = (i: number, j: number, sumXY: number) => covariance(n, parts[i].sum, parts[j].sum, sumXY);
  const c01 = cross(0, 1, p.numeratorDenominator);
  const c02 = cross(0, 2, p.numeratorNumeratorPre);
  const c03 = cross(0, 3, p.numeratorDenominatorPre);
  const c12 = cross(1, 2, p.denominatorNumeratorPre);
  const c13 = cross(1, 3, p.denominatorDenominatorPre);
  const c23 = cross(2, 3, p.numeratorPreDenominatorPre);
  const cov: Vector4[] = [
    [m[0].variance, c01, c02, c03],
    [c01, m[1].variance, c12, c13],
    [c02, c12, m[2].variance, c23],
    [c03, c13, c23, m[3].variance],
  ];
  const ratioPre = m[3].mean === 0 ? 0 : m[2].mean / m[3].mean;
  return { n, mean: [m[0].mean, m[1].mean, m[2].mean, m[3].mean], cov, ratioPre };
}

const quadratic = (a: number[], cov: Vector4[], b: number[]) => a.reduce((acc, ai, i) => acc + ai * b.reduce((s, bj, j) => s + cov[i][j] * bj, 0), 0);

/** Gradients of R_post = m/d and R_pre = m_pre/d_pre with respect to the four means. */
function gradients({ mean: [m, d, mp, dp] }: ArmMoments): { post: Vector4; pre: Vector4 } {
  return {
    post: [1 / d, -m / (d * d), 0, 0],
    pre: dp === 0 ? [0, 0, 0, 0] : [0, 0, 1 / dp, -mp / (dp * dp)],
  };
}

/**
 * CUPED for a ratio metric, as gbstats' RegressionAdjustedRatioStatistic: the adjusted value of an
 * arm is R_post − θ·(R_pre − R̄_pre), with R = Σm/Σd, its variance ∇ᵀΛ∇ over the 4 × 4 covariance Λ
 * of (m, d, m_pre, d_pre) and θ = Σ cov(R_post, R_pre) / Σ var(R_pre) over both arms (delta method).
 * R̄_pre, the pre-exposure ratio of both arms together, keeps the adjusted means on the metric's
 * scale; it shifts both arms alike, so the absolute difference is gbstats' own.
 */
export function cupedRatioAdjust(controlSums: CupedRatioArmSums, treatmentSums: CupedRatioArmSums): CupedRatioResult {
  const control = armMoments(parseInput(cupedRatioArmSumsSchema, controlSums), 'control');
  const treatment = armMoments(parseInput(cupedRatioArmSumsSchema, treatmentSums), 'treatment');
  const arms = [control, treatment].map((arm) => ({ arm, grad: gradients(arm) }));
  const covPostPre = arms.reduce((acc, { arm, grad }) => acc + quadratic(grad.post, arm.cov, grad.pre), 0);
  const varPre = arms.reduce((acc, { arm, grad }) => acc + quadratic(grad.pre, arm.cov, grad.pre), 0);
  const theta = varPre > 0 ? covPostPre / varPre : 0;
  const pooledPre = pooledRatio(controlSums, treatmentSums);

  const adjust = ({ arm, grad }: (typeof arms)[number]): { adjusted: ArmSummary; rawVariance: number } => {
    const nabla = grad.post.map((g, i) => g - theta * grad.pre[i]);
    const ratioPost = arm.mean[0] / arm.mean[1];
    return {
      adjusted: { n: arm.n, mean: ratioPost - theta * (arm.ratioPre - pooledPre), variance: Math.max(0, quadratic(nabla, arm.cov, nabla)) },
      rawVariance: Math.max(0, quadratic(grad.post, arm.cov, grad.post)),
    };
  };
  const c = adjust(arms[0]);
  const t = adjust(arms[1]);
  const raw = c.rawVariance / control.n + t.rawVariance / treatment.n;
  const adjusted = c.adjusted.variance / control.n + t.adjusted.variance / treatment.n;
  return { theta, control: c.adjusted, treatment: t.adjusted, varianceReduction: raw > 0 ? 1 - adjusted / raw : 0 };
}

function pooledRatio(a: CupedRatioArmSums, b: CupedRatioArmSums): number {
  const d = a.denominatorPre.sum + b.denominatorPre.sum;
  return d === 0 ? 0 : (a.numeratorPre.sum + b.numeratorPre.sum) / d;
}
