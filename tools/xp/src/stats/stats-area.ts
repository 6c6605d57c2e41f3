import { adjustPValues, compare, sampleSizeForPower, sequentialPower, sequentialSampleSize, sequentialSrmCheck, srmCheck } from '@xp/stats';
import type { Area } from '../command';

// Each command validates its input inside @xp/stats (zod), which throws a StatsError on bad input.
export const statsArea: Area = {
  compare: (input) => compare(input as never),
  srm: (input) => srmCheck(input as never),
  adjust: (input) => ({ adjusted: adjustPValues(input as never) }),
  'srm-sequential': (input) => sequentialSrmCheck(input as never),
  plan,
};

/**
 * Planning for the sequential test the rollouts run: with `power`, the units per arm it needs (and
 * the N* to run it with); with `nPerArm`, its power there. The fixed-horizon figure is shown beside.
 */
function plan(input: unknown): unknown {
  const design = (input ?? {}) as { power?: number; nPerArm?: number; alpha: number; mde: number; variance: number; treatmentVariance?: number };
  if (design.power !== undefined) {
    const sequential = sequentialSampleSize(design as never);
    const fixed = sampleSizeForPower(design as never);
    return { sequential, fixedHorizonNPerArm: fixed.nPerArm, ratio: sequential.exactNPerArm / fixed.exactNPerArm };
  }
  return { power: sequentialPower(design as never) };
}
