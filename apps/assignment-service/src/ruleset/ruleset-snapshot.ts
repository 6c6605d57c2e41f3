import { DEFAULT_ENVIRONMENT, experimentRolloutPercentage, type Ruleset, type RulesetSnapshotBody } from '@xp/contracts';
import { compileRuleset, unitAttributeOf, type Evaluator } from '@xp/evaluation';

/** What an exposure of an experiment records besides the result: computed once per ruleset. */
export interface ExposureTarget {
  /** Attribute holding the unit id, or null when it is the evaluated unit itself. */
  unitAttribute: string | null;
  stage: number;
  percentage: number;
  /** What a posted exposure of this experiment must name (POST /v1/exposures checks it). */
  flagKey: string;
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
  readonly exposureTargets: ReadonlyMap<string, ExposureTarget>;
}

export function buildSnapshot(ruleset: Ruleset, environment: string = DEFAULT_ENVIRONMENT): RulesetSnapshot {
  const exposureTargets = new Map<string, ExposureTarget>();
  for (const e of ruleset.experiments) {
    exposureTargets.set(e.key, {
      unitAttribute: unitAttributeOf(e),
      stage: e.currentStageIndex,
      percentage: experimentRolloutPercentage(e),
      flagKey: e.flagKey,
      variants: new Set(e.variants.map((v) => v.key)),
      environment: e.environment,
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
  };
}
