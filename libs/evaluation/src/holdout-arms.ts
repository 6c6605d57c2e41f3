import { BUCKET_COUNT, GENERAL_ARM, HOLDOUT_ARM, type Holdout, type HoldoutArm } from '@xp/contracts';
import { bucketWithPrefix, rolloutThreshold, saltPrefix } from './hashing/bucket';

/** A holdout prepared for logging its arms' exposures (see HOLDOUT_ARM in @xp/contracts). */
export interface CompiledHoldoutArms {
  readonly key: string;
  readonly environment: string;
  readonly percentage: number;
  /** The flags whose evaluation exposes a unit to the holdout; null: every flag. */
  readonly flagKeys: ReadonlySet<string> | null;
  /** The unit's arm, or null when it is in neither (it is not measured). */
  arm(unit: string): HoldoutArm | null;
}

/**
 * Buckets as the evaluator's holdout check does (same salt, same formula), so a unit is in the
 * `holdout` arm exactly when the evaluator held it out.
 */
export function compileHoldoutArms(holdout: Holdout): CompiledHoldoutArms {
  const prefix = saltPrefix(holdout.salt);
  const held = rolloutThreshold(holdout.percentage);
  const general = held + Math.min(held, BUCKET_COUNT - held);
  return {
    key: holdout.key,
    environment: holdout.environment,
    percentage: holdout.percentage,
    flagKeys: holdout.flagKeys.length === 0 ? null : new Set(holdout.flagKeys),
    arm(unit) {
      const bucket = bucketWithPrefix(prefix, unit);
      if (bucket < held) return HOLDOUT_ARM;
      return bucket < general ? GENERAL_ARM : null;
    },
  };
}

/** One exposure of a holdout arm: the unit evaluated `flagKey`, which the holdout covers. */
export interface HoldoutExposure {
  readonly holdout: CompiledHoldoutArms;
  readonly flagKey: string;
  readonly arm: HoldoutArm;
}

/**
 * The holdout exposures of one evaluation: for each holdout that covers a flag the unit evaluated
 * (the first such flag names it), the unit's arm if it has one. Units are exposed to a holdout by
 * evaluating its flags, as to an experiment by being enrolled.
 */
export function holdoutExposuresOf(
  holdouts: readonly CompiledHoldoutArms[],
  results: readonly { readonly flagKey: string; readonly errorCode?: string }[],
  unit: string | null,
): HoldoutExposure[] {
  if (holdouts.length === 0 || unit === null) return [];
  const exposures: HoldoutExposure[] = [];
  for (const holdout of holdouts) {
    const covered = results.find((r) => r.errorCode !== 'FLAG_NOT_FOUND' && (holdout.flagKeys === null || holdout.flagKeys.has(r.flagKey)));
    if (!covered) continue;
    const arm = holdout.arm(unit);
    if (arm !== null) exposures.push({ holdout, flagKey: covered.flagKey, arm });
  }
  return exposures;
}
