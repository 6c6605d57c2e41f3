import { z } from 'zod';
import { normalCdf, normalQuantile } from './distributions';
import { findRoot } from './find-root';
import { parseInput } from './parse-input';

const designSchema = z.object({
  alpha: z.number().gt(0).lt(1),
  /** Absolute minimum detectable effect (for a relative MDE pass mdeRelative·|baseline mean|). */
  mde: z.number().finite().positive(),
  /** Per-unit variance of the metric in control (p(1-p) for a proportion). */
  variance: z.number().finite().positive(),
  /** Per-unit variance in treatment; defaults to the control's. */
  treatmentVariance: z.number().finite().positive().optional(),
});

export const powerInputSchema = designSchema.extend({ nPerArm: z.number().positive() });
export type PowerInput = z.infer<typeof powerInputSchema>;

export const sampleSizeInputSchema = designSchema.extend({ power: z.number().gt(0).lt(1) });
export type SampleSizeInput = z.infer<typeof sampleSizeInputSchema>;

/**
 * Power of the two-sided test with equal arms, normal approximation:
 * Φ(δ/se - z₁₋α/₂) + Φ(-δ/se - z₁₋α/₂), se = sqrt((σC² + σT²)/n). Both rejection tails counted.
 */
export function powerForSampleSize(input: PowerInput): number {
  const { alpha, mde, variance, treatmentVariance = variance, nPerArm } = parseInput(powerInputSchema, input);
  const standardized = mde / Math.sqrt((variance + treatmentVariance) / nPerArm);
  const critical = normalQuantile(1 - alpha / 2);
  return normalCdf(standardized - critical) + normalCdf(-standardized - critical);
}

export interface SampleSize {
  /** Units per arm to recruit (ceiling of exactNPerArm). */
  nPerArm: number;
  /** Real n at which powerForSampleSize equals the target power. */
  exactNPerArm: number;
}

/**
 * Units per arm for the target power. Starts from the closed form (z₁₋α/₂ + z_power)²(σC²+σT²)/δ²,
 * which ignores the far rejection tail, then solves the two-tailed equation (a slightly smaller n).
 */
export function sampleSizeForPower(input: SampleSizeInput): SampleSize {
  const { power, ...design } = parseInput(sampleSizeInputSchema, input);
  const { alpha, mde, variance, treatmentVariance = variance } = design;
  const z = normalQuantile(1 - alpha / 2) + normalQuantile(power);
  const upper = (z * z * (variance + treatmentVariance)) / (mde * mde);
  const shortfall = (n: number) => powerForSampleSize({ ...design, nPerArm: n }) - power;
  const exactNPerArm = shortfall(upper) <= 0 ? upper : findRoot(shortfall, upper / 2, upper, upper * 1e-15);
  return { nPerArm: Math.ceil(exactNPerArm), exactNPerArm };
}
