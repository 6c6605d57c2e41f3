import type { Experiment } from '@xp/contracts';
import { sequentialPower, sequentialSampleSize, StatsError, type ArmSummary } from '@xp/stats';
import type { PlanningReadout } from './experiment-results';

export const TARGET_POWER = 0.8;

/**
 * What the policy's plan can detect, from the control arm as observed so far: the units the
 * sequential test needs to detect the minimum detectable effect (relative, on the primary metric)
 * with 80 % power at the primary family's level, and its power at the planned units (N*).
 * Undefined without a minimum detectable effect or before the control has a mean and variance.
 */
export function planPrimary(experiment: Experiment, control: ArmSummary | undefined, tuning: number, treatments: number): PlanningReadout | undefined {
  const mde = experiment.rolloutPolicy.minimumDetectableEffect;
  if (mde === undefined || !control || !(control.variance > 0) || control.mean === 0) return undefined;
  const design = {
    alpha: experiment.rolloutPolicy.alpha / Math.max(1, treatments),
    mde: mde * Math.abs(control.mean),
    variance: control.variance,
    tuning,
  };
  try {
    const needed = sequentialSampleSize({ ...design, power: TARGET_POWER });
    const arms = treatments + 1;
    return {
      minimumDetectableEffect: mde,
      targetPower: TARGET_POWER,
      unitsNeeded: needed.nPerArm * arms,
      powerAtPlannedUnits: sequentialPower({ ...design, nPerArm: Math.max(2, tuning / arms) }),
    };
  } catch (err) {
    if (err instanceof StatsError) return undefined;
    throw err;
  }
}
