import {
  BUILT_IN_ENVIRONMENTS,
  DEFAULT_ENVIRONMENT,
  ExperimentSchema,
  flagForEnvironment,
  FlagStateSchema,
  HoldoutSchema,
  SegmentSchema,
  type ConfigEventData,
  type Experiment,
  type Holdout,
  type Ruleset,
  type Segment,
  type StoredFlag,
} from '@xp/contracts';
import type { z } from 'zod';

export type ApplyOutcome =
  | { kind: 'applied' }
  /** (streamId, version) already applied: at-least-once delivery repeats it. */
  | { kind: 'repeat' }
  /** The payload's state does not match its domain schema; the previous state is kept. */
  | { kind: 'invalid'; reason: string };

// Flags written before environments existed (flat) read as their production part.
const stateSchemas = { flag: FlagStateSchema, segment: SegmentSchema, experiment: ExperimentSchema, holdout: HoldoutSchema } as const;

/**
 * The rulesets as a fold over config events: each event carries the complete entity after it
 * (`payload.state`, null once archived), so applying one is an upsert by (streamType, key). There is
 * one ruleset per environment: each flag's part there, and the experiments running there.
 */
export class ConfigState {
  private readonly appliedVersions = new Map<string, number>();
  private readonly flags = new Map<string, StoredFlag>();
  /** Environments created by API (the built-ins always exist). */
  private readonly createdEnvironments = new Set<string>();
  private readonly segments = new Map<string, Segment>();
  private readonly experiments = new Map<string, Experiment>();
  private readonly holdouts = new Map<string, Holdout>();
  /**
   * Event-store position of the last applied event: the ruleset version (`rulesetVersion` of the evaluate answer and the snapshot, libs/contracts/src/api). The last, not
   * the highest: if a recreated event store restarts positions, versions still change with each event.
   */
  position = 0;

  apply(event: ConfigEventData): ApplyOutcome {
    const applied = this.appliedVersions.get(event.streamId) ?? 0;
    if (event.version <= applied) return { kind: 'repeat' };
    const outcome = this.upsert(event);
    this.appliedVersions.set(event.streamId, event.version);
    this.position = event.position;
    return outcome;
  }

  environments(): string[] {
    return [...BUILT_IN_ENVIRONMENTS, ...this.createdEnvironments];
  }

  /** What SDKs of one environment evaluate (production: what there was before environments). */
  toRuleset(environment: string = DEFAULT_ENVIRONMENT): Ruleset {
    return {
      version: this.position,
      flags: [...this.flags.values()].map((flag) => flagForEnvironment(flag, environment)),
      segments: [...this.segments.values()],
      experiments: [...this.experiments.values()].filter((experiment) => experiment.environment === environment),
      holdouts: [...this.holdouts.values()].filter((holdout) => holdout.environment === environment).flatMap((holdout) => this.resolve(holdout)),
    };
  }

  /**
   * The flags a holdout covers: its own and those of its live experiments. One whose experiments all
   * ended and that names no flag covers nothing (not, as an empty list would say, every flag).
   */
  private resolve(holdout: Holdout): Holdout[] {
    if (holdout.experimentKeys.length === 0) return [holdout];
    const flagKeys = new Set(holdout.flagKeys);
    for (const key of holdout.experimentKeys) {
      const experiment = this.experiments.get(key);
      if (experiment) flagKeys.add(experiment.flagKey);
    }
    return flagKeys.size === 0 ? [] : [{ ...holdout, flagKeys: [...flagKeys] }];
  }

  /** Every environment's ruleset. */
  toRulesets(): Map<string, Ruleset> {
    return new Map(this.environments().map((environment) => [environment, this.toRuleset(environment)]));
  }

  private upsert(event: ConfigEventData): ApplyOutcome {
    if (event.streamType === 'environment') return this.applyEnvironment(event);
    if (!isEvaluated(event.streamType)) return { kind: 'applied' }; // metrics and schedules do not change a ruleset
    const state = event.payload.state;
    if (state === undefined) return { kind: 'invalid', reason: 'payload has no state' };
    const key = event.streamId.slice(event.streamId.indexOf(':') + 1);
    const store = this.storeOf(event.streamType);
    if (state === null) {
      store.delete(key);
      return { kind: 'applied' };
    }
    const parsed = (stateSchemas[event.streamType] as z.ZodType).safeParse(state);
    if (!parsed.success) {
      const reason = parsed.error.issues.map((i) => `${i.path.join('.') || '(state)'}: ${i.message}`).join('; ');
      return { kind: 'invalid', reason };
    }
    const entity = parsed.data as { key: string; status?: string };
    if (entity.status === 'archived') store.delete(key);
    else store.set(key, entity as never);
    return { kind: 'applied' };
  }

  private applyEnvironment(event: ConfigEventData): ApplyOutcome {
    const key = event.streamId.slice(event.streamId.indexOf(':') + 1);
    if (event.payload.state === null) this.createdEnvironments.delete(key);
    else this.createdEnvironments.add(key);
    return { kind: 'applied' };
  }

  private storeOf(type: 'flag' | 'segment' | 'experiment' | 'holdout'): Map<string, unknown> {
    if (type === 'flag') return this.flags;
    if (type === 'segment') return this.segments;
    if (type === 'holdout') return this.holdouts;
    return this.experiments;
  }
}

function isEvaluated(type: ConfigEventData['streamType']): type is 'flag' | 'segment' | 'experiment' | 'holdout' {
  return type === 'flag' || type === 'segment' || type === 'experiment' || type === 'holdout';
}
