import { z } from 'zod';
import { normalQuantile } from './distributions';
import { findRoot } from './find-root';
import { sequentialBoundary } from './normal-mixture';
import { parseInput } from './parse-input';

const designSchema = z.object({
  alpha: z.number().gt(0).lt(1),
  /** Absolute minimum detectable effect in the good direction (for a relative MDE: mdeRelative·|baseline mean|). */
  mde: z.number().finite().positive(),
  /** Per-unit variance in control. */
  variance: z.number().finite().positive(),
  treatmentVariance: z.number().finite().positive().optional(),
  /** Analyses up to the planned sample size, evenly spaced (the analysis interval). */
  looks: z.number().int().min(1).max(500).default(100),
  /** N* of the sequence; defaults to the planned total sample size (2 · nPerArm). */
  tuning: z.number().finite().positive().optional(),
});

export const sequentialPowerInputSchema = designSchema.extend({ nPerArm: z.number().min(2) });
export type SequentialPowerInput = z.input<typeof sequentialPowerInputSchema>;

export const sequentialSampleSizeInputSchema = designSchema.extend({ power: z.number().gt(0).lt(1) });
export type SequentialSampleSizeInput = z.input<typeof sequentialSampleSizeInputSchema>;

// Grid step in standard deviations of one look's increment, and how far the grid reaches below.
const STEPS_PER_SD = 12;
const TAIL_SD = 9;

/**
 * P(the confidence sequence shows the planted effect by the planned sample size), looking `looks`
 * times at evenly spaced sample sizes: Brownian motion with drift θ = δ/se(N) in information time,
 * stopped the first time Z_k = S_k/√t_k exceeds the sequence's boundary at look k. Computed by
 * recursive numerical integration of the density of S on the continuation region (Armitage,
 * McPherson and Rowe), so early crossings count: the power of the test as the rollout runs it.
 */
export function sequentialPower(input: SequentialPowerInput): number {
  const { alpha, mde, variance, treatmentVariance = variance, nPerArm, looks, tuning = 2 * nPerArm } = parseInput(sequentialPowerInputSchema, input);
  const theta = mde / Math.sqrt((variance + treatmentVariance) / nPerArm);
  const dt = 1 / looks;
  const sd = Math.sqrt(dt);
  const h = sd / STEPS_PER_SD;
  // Gaussian kernel of one increment, on the grid.
  const reach = Math.ceil((TAIL_SD * sd) / h);
  const kernel = Array.from({ length: 2 * reach + 1 }, (_, j) => h * Math.exp(-(((j - reach) * h) ** 2) / (2 * dt)) / Math.sqrt(2 * Math.PI * dt));

  // density[i] is the (sub-)density of S at lo + i·h among paths not yet stopped.
  let lo = -reach * h;
  let density = new Float64Array(2 * reach + 1);
  density[reach] = 1 / h; // point mass at S = 0, spread over one cell
  let crossed = 0;
  for (let k = 1; k <= looks; k += 1) {
    const t = k * dt;
    const upper = sequentialBoundary(2 * nPerArm * t, alpha, tuning) * Math.sqrt(t);
    const shift = theta * dt;
    // Convolve with the increment N(θ·dt, dt): new grid from lo + shift - reach·h upwards.
    const newLo = lo + shift - reach * h;
    const next = new Float64Array(density.length + 2 * reach);
    for (let i = 0; i < density.length; i += 1) {
      const mass = density[i];
      if (mass === 0) continue;
      for (let j = 0; j < kernel.length; j += 1) next[i + j] += mass * kernel[j];
    }
    // Mass above the boundary stops here; the rest continues. Point i carries the cell
    // [x_i − h/2, x_i + h/2); the cell the boundary cuts is split, so the power is continuous in n.
    const position = (upper - newLo) / h + 0.5;
    const cut = Math.min(next.length, Math.max(0, Math.floor(position)));
    for (let i = cut + 1; i < next.length; i += 1) crossed += next[i] * h;
    if (cut < next.length) {
      const below = position - cut;
      crossed += next[cut] * h * (1 - below);
      next[cut] *= below;
    }
    const floor = theta * t - TAIL_SD * Math.sqrt(t) - reach * h;
    const start = Math.max(0, Math.min(cut, Math.floor((floor - newLo) / h)));
    density = next.slice(start, Math.min(next.length, cut + 1));
    lo = newLo + start * h;
  }
  return Math.min(1, crossed);
}

export interface SequentialSampleSize {
  /** Units per arm to recruit (ceiling of exactNPerArm). */
  nPerArm: number;
  exactNPerArm: number;
  /** The N* to run the sequence with: the planned total sample size. */
  tuning: number;
}

/** Units per arm at which sequentialPower reaches the target, with N* tuned to that plan (unless given). */
export function sequentialSampleSize(input: SequentialSampleSizeInput): SequentialSampleSize {
  const { power, ...design } = parseInput(sequentialSampleSizeInputSchema, input);
  const shortfall = (n: number) => sequentialPower({ ...design, nPerArm: n }) - power;
  // The fixed-horizon z-test's n is a lower bound: the sequence is wider than its interval at every look.
  const z = normalQuantile(1 - design.alpha / 2) + normalQuantile(power);
  const fixedHorizon = Math.max(2, (z * z * (design.variance + (design.treatmentVariance ?? design.variance))) / (design.mde * design.mde));
  let hi = 2 * fixedHorizon;
  while (shortfall(hi) < 0) hi *= 2;
  const exact = shortfall(fixedHorizon) >= 0 ? fixedHorizon : findRoot(shortfall, fixedHorizon, hi, hi * 1e-6);
  const nPerArm = Math.ceil(exact);
  return { nPerArm, exactNPerArm: exact, tuning: design.tuning ?? 2 * nPerArm };
}
