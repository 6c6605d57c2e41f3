import { Inject, Injectable } from '@nestjs/common';
import { KeySchema, type StreamType } from '@xp/contracts';
import { ConflictError } from '@xp/platform';
import { EVENT_STORE, type EventStore } from '../event-store/event-store';
import type { NewEvent } from '../event-store/stored-event';
import { foldView, type EntityView } from '../projections/entity-view';
import { ENTITY_VIEW_STORE, type EntityViewStore } from '../projections/entity-view-store';
import type { EntityDefinition, ReferenceLookup } from './entity-definition';
import { checkReferences, decideArchive, decideCreate, decideUpdate, requireExpectedVersion } from './entity-decider';
import { ENTITY_DEFINITIONS } from './entity-definitions';
import { findDependents } from './find-dependents';

const STREAM_TYPES: readonly StreamType[] = ['flag', 'segment', 'metric', 'experiment'];

export interface CommandOptions {
  /** Omitted only for commands made idempotent another way (rollout decisions). */
  expectedVersion?: number;
  actor: string;
  decisionId?: string;
}

/** Runs a command: load the view, decide (pure), check references, append with the view in one transaction. */
@Injectable()
export class EntityCommandService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ENTITY_VIEW_STORE) private readonly views: EntityViewStore,
  ) {}

  create(streamType: StreamType, input: Record<string, unknown>, actor: string): Promise<EntityView> {
    const definition = ENTITY_DEFINITIONS[streamType];
    const parsedKey = KeySchema.safeParse(input.key);
    // An invalid key: let the full schema report it together with every other bad field.
    const key = parsedKey.success ? parsedKey.data : String(definition.toState(input, undefined).key);
    return this.run(streamType, key, (current) => decideCreate(definition, current, input), { expectedVersion: 0, actor });
  }

  update(streamType: StreamType, key: string, input: Record<string, unknown>, options: CommandOptions): Promise<EntityView> {
    const definition = ENTITY_DEFINITIONS[streamType];
    return this.run(streamType, key, (current) => decideUpdate(definition, key, current, input), options);
  }

  archive(streamType: StreamType, key: string, options: CommandOptions): Promise<EntityView> {
    const definition = ENTITY_DEFINITIONS[streamType];
    return this.run(streamType, key, (current) => decideArchive(definition, key, current), options);
  }

  async run(streamType: StreamType, key: string, decide: (current: EntityView | undefined) => NewEvent[], options: CommandOptions): Promise<EntityView> {
    const definition = ENTITY_DEFINITIONS[streamType];
    const current = await this.views.get(streamType, key);
    const events = decide(current);
    if (options.expectedVersion !== undefined) requireExpectedVersion(current, options.expectedVersion);
    const last = events[events.length - 1].payload.state as Record<string, unknown> | null;
    if (definition.referencedTypes.length > 0) checkReferences(definition, last, await this.lookup(definition));
    // Experiments end by lifecycle; a flag rule naming an archived experiment simply stops using it.
    if (streamType !== 'experiment') await this.refuseToBreakDependents(streamType, key, last);
    const stored = await this.store.append({
      streamType,
      key,
      expectedVersion: current?.version ?? 0,
      events,
      actor: options.actor,
      decisionId: options.decisionId,
    });
    return foldView(stored, current) as EntityView;
  }

  private async refuseToBreakDependents(streamType: StreamType, key: string, next: Record<string, unknown> | null): Promise<void> {
    const definitions = Object.values(ENTITY_DEFINITIONS);
    const dependents = findDependents({ streamType, key, next }, definitions, await this.lookupOf(STREAM_TYPES));
    if (dependents.length > 0) {
      const named = dependents.map((d) => `${d.streamType} '${d.key}' (${d.path})`).join(', ');
      throw new ConflictError('in_use', `${streamType} '${key}' is still used by ${named}`, { details: { dependents } });
    }
  }

  private lookup(definition: EntityDefinition): Promise<ReferenceLookup> {
    return this.lookupOf(definition.referencedTypes);
  }

  private async lookupOf(types: readonly StreamType[]): Promise<ReferenceLookup> {
    const entries = await Promise.all(
      types.map(async (type) => {
        const live = await this.views.list(type, false);
        return [type, new Map(live.map((view) => [view.key, view.state]))] as const;
      }),
    );
    return new Map(entries);
  }
}
