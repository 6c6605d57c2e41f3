import {
  DEFAULT_ENVIRONMENT,
  experimentRolloutPercentage,
  GENERAL_ARM,
  HOLDOUT_ARM,
  holdoutExposureKey,
  type Ruleset,
  type RulesetSnapshotBody,
} from '@xp/contracts';
import { compileHoldoutArms, compileRuleset, unitAttributeOf, type CompiledHoldoutArms, type Evaluator } from '@xp/evaluation';

/** What an exposure of an experiment (or of a holdout's arm) records besides the result: computed once per ruleset. */
export interface ExposureTarget {
  /** Attribute holding the unit id, or null when it is the evaluated unit itself. */
  unitAttribute: string | null;
  /** The experiment's rollout stage; holdouts have none. */
  stage?: number;
  percentage: number;
  /** What a posted exposure must name (POST /v1/exposures checks it): the experiment's flag, a holdout's flags (null: any). */
  flagKeys: ReadonlySet<string> | null;
  variants: ReadonlySet<string>;
  /** The environment the experiment runs in, recorded with each exposure. */
  environment: string;
}

/** One served ruleset version with everything requests need precomputed. */
export interface RulesetSnapshot {
  readonly version: number;
  readonly environment: string;
  readonly ruleset: Ruleset;
  readonly evaluator: Evaluator;
  /** `{version, ruleset}` serialised once per version: GET /v1/ruleset and the stream send it as is. */
  readonly json: string;
  readonly etag: string;
  /** Keyed by experiment key, and by holdoutExposureKey() for holdouts. */
  readonly exposureTargets: ReadonlyMap<string, ExposureTarget>;
  /** The holdouts whose arms' exposures evaluations log. */
  readonly holdoutArms: readonly CompiledHoldoutArms[];
}

export function buildSnapshot(ruleset: Ruleset, environment: string = DEFAULT_ENVIRONMENT): RulesetSnapshot {
  const exposureTargets = new Map<string, ExposureTarget>();
  for (const e of ruleset.experiments) {
    exposureTargets.set(e.key, {
      unitAttribute: unitAttributeOf(e),
      stage: e.currentStageIndex,
      percentage: experimentRolloutPercentage(e),
      flagKeys: new Set([e.flagKey]),
      variants: new Set(e.variants.map((v) => v.key)),
      environment: e.environment,
    });
  }
  const holdoutArms = ruleset.holdouts.map(compileHoldoutArms);
  for (const h of ruleset.holdouts) {
    exposureTargets.set(holdoutExposureKey(h.key), {
      unitAttribute: null,
      percentage: h.percentage,
      flagKeys: h.flagKeys.length === 0 ? null : new Set(h.flagKeys),
      variants: new Set([HOLDOUT_ARM, GENERAL_ARM]),
      environment: h.environment,
    });
  }
  return {
    version: ruleset.version,
    environment,
    ruleset,
    evaluator: compileRuleset(ruleset),
    json: JSON.stringify({ version: ruleset.version, ruleset } satisfies RulesetSnapshotBody),
    etag: `"${ruleset.version}"`,
    exposureTargets,
    holdoutArms,
  };
}
