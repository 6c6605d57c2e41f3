import { Inject, Injectable } from '@nestjs/common';
import { KeySchema, type StreamType } from '@xp/contracts';
import { ConflictError } from '@xp/platform';
import { EVENT_STORE, type EventStore, type WriteSession } from '../event-store/event-store';
import type { NewEvent } from '../event-store/stored-event';
import { foldView, type EntityView } from '../projections/entity-view';
import type { EntityDefinition, ReferenceLookup } from './entity-definition';
import { checkReferences, decideArchive, decideCreate, decideUpdate, requireExpectedVersion } from './entity-decider';
import { ENTITY_DEFINITIONS } from './entity-definitions';
import { findDependents } from './find-dependents';

const STREAM_TYPES: readonly StreamType[] = ['flag', 'segment', 'metric', 'experiment', 'environment', 'holdout'];

export interface CommandOptions {
  /** Omitted only for commands made idempotent another way (rollout decisions). */
  expectedVersion?: number;
  actor: string;
  /** The writer's change comment, stored with the events. */
  comment?: string;
  decisionId?: string;
  /** The environment a flag write applies to (default: the body's, else production). */
  environment?: string;
}

export type Decide = (current: EntityView | undefined) => NewEvent[];

/** A write decided and checked but not yet appended: what a dry run reports. */
export interface DecidedWrite {
  current: EntityView | undefined;
  events: NewEvent[];
}

/**
 * Every write takes one path: in one transaction, load the entity, decide its events (the domain's
 * definition supplies the rules), check the expected version, the references the new state makes
 * and the dependents it would break, then append. The checks and the append see the same snapshot.
 */
@Injectable()
export class EntityCommandService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  create(streamType: StreamType, input: Record<string, unknown>, actor: string, comment?: string, environment?: string): Promise<EntityView> {
    const definition = ENTITY_DEFINITIONS[streamType];
    const parsedKey = KeySchema.safeParse(input.key);
    // An invalid key: let the full schema report it together with every other bad field.
    const key = parsedKey.success ? parsedKey.data : String(definition.toState(input, undefined, { environment }).key);
    return this.write(definition, key, (current) => decideCreate(definition, current, input, { environment }), { expectedVersion: 0, actor, comment, environment });
  }

  update(streamType: StreamType, key: string, input: Record<string, unknown>, options: CommandOptions): Promise<EntityView> {
    const definition = ENTITY_DEFINITIONS[streamType];
    return this.write(definition, key, (current) => decideUpdate(definition, key, current, input, { environment: options.environment }), options);
  }

  archive(streamType: StreamType, key: string, options: CommandOptions): Promise<EntityView> {
    const definition = ENTITY_DEFINITIONS[streamType];
    return this.write(definition, key, (current) => decideArchive(definition, key, current), options);
  }

  /** A command the domain's definition names (`kill-switch`, `start`, `rollout`, ...). */
  execute(streamType: StreamType, key: string, command: string, input: Record<string, unknown> | undefined, options: CommandOptions): Promise<EntityView> {
    const definition = ENTITY_DEFINITIONS[streamType];
    const decide = definition.commands?.[command];
    if (!decide) throw new Error(`${streamType} has no command '${command}'`);
    return this.write(definition, key, (current) => decide(current, key, input, { environment: options.environment }), options);
  }

  private write(definition: EntityDefinition, key: string, decide: Decide, options: CommandOptions): Promise<EntityView> {
    return this.store.write((session) => this.writeIn(session, definition, key, decide, options));
  }

  /**
   * One write inside a transaction the caller owns (the scheduler appends the target's events and
   * its own in one): decide, check, append.
   */
  async writeIn(session: WriteSession, definition: EntityDefinition, key: string, decide: Decide, options: CommandOptions): Promise<EntityView> {
    const { streamType } = definition;
    const { current, events } = await this.decideIn(session, definition, key, decide, options);
    const stored = await session.append({
      streamType,
      key,
      expectedVersion: current?.version ?? 0,
      events,
      actor: options.actor,
      comment: options.comment,
      decisionId: options.decisionId,
    });
    return foldView(stored, current) as EntityView;
  }

  /** Everything a write checks, without the append: throws what the write would throw (a dry run). */
  async decideIn(session: WriteSession, definition: EntityDefinition, key: string, decide: Decide, options: Pick<CommandOptions, 'expectedVersion'>): Promise<DecidedWrite> {
    const { streamType } = definition;
    const current = await session.get(streamType, key);
    const events = decide(current);
    if (options.expectedVersion !== undefined) requireExpectedVersion(current, options.expectedVersion);
    const next = events[events.length - 1].payload.state as Record<string, unknown> | null;
    const live = await liveEntities(session);
    if (definition.referencedTypes.length > 0) checkReferences(definition, next, live);
    // Experiments end by lifecycle; a flag rule naming an archived experiment simply stops using it.
    if (streamType !== 'experiment') refuseToBreakDependents(streamType, key, next, live);
    return { current, events };
  }
}

/** Every live entity by type and key, read inside the write's transaction. */
async function liveEntities(session: WriteSession): Promise<ReferenceLookup> {
  const lookup = new Map<StreamType, ReadonlyMap<string, Record<string, unknown>>>();
  // One after another: the statements share the transaction's connection.
  for (const type of STREAM_TYPES) {
    const live = await session.list(type, false);
    lookup.set(type, new Map(live.map((view) => [view.key, view.state])));
  }
  return lookup;
}

function refuseToBreakDependents(streamType: StreamType, key: string, next: Record<string, unknown> | null, live: ReferenceLookup): void {
  const dependents = findDependents({ streamType, key, next }, Object.values(ENTITY_DEFINITIONS), live);
  if (dependents.length > 0) {
    const named = dependents.map((d) => `${d.streamType} '${d.key}' (${d.path})`).join(', ');
    throw new ConflictError('in_use', `${streamType} '${key}' is still used by ${named}`, { details: { dependents } });
  }
}
