import {
  ExperimentSchema,
  FlagSchema,
  SegmentSchema,
  type ConfigEventData,
  type Experiment,
  type Flag,
  type Ruleset,
  type Segment,
} from '@xp/contracts';
import type { z } from 'zod';

export type ApplyOutcome =
  | { kind: 'applied' }
  /** (streamId, version) already applied: at-least-once delivery repeats it. */
  | { kind: 'repeat' }
  /** The payload's state does not match its domain schema; the previous state is kept. */
  | { kind: 'invalid'; reason: string };

const stateSchemas = { flag: FlagSchema, segment: SegmentSchema, experiment: ExperimentSchema } as const;

/**
 * The ruleset as a fold over config events: each event carries the complete entity after it
 * (`payload.state`, null once archived), so applying one is an upsert by (streamType, key).
 */
export class ConfigState {
  private readonly appliedVersions = new Map<string, number>();
  private readonly flags = new Map<string, Flag>();
  private readonly segments = new Map<string, Segment>();
  private readonly experiments = new Map<string, Experiment>();
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

  toRuleset(): Ruleset {
    return {
      version: this.position,
      flags: [...this.flags.values()],
      segments: [...this.segments.values()],
      experiments: [...this.experiments.values()],
      holdouts: [],
    };
  }

  private upsert(event: ConfigEventData): ApplyOutcome {
    if (!isEvaluated(event.streamType)) return { kind: 'applied' }; // metrics, environments and schedules do not change a ruleset
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

  private storeOf(type: 'flag' | 'segment' | 'experiment'): Map<string, unknown> {
    if (type === 'flag') return this.flags;
    if (type === 'segment') return this.segments;
    return this.experiments;
  }
}

function isEvaluated(type: ConfigEventData['streamType']): type is 'flag' | 'segment' | 'experiment' {
  return type === 'flag' || type === 'segment' || type === 'experiment';
}
