import type { StreamType } from '@xp/contracts';
import type { EntityViewStore } from '../projections/entity-view-store';
import type { NewEvent, StoredEvent } from './stored-event';

export interface AppendCommand {
  streamType: StreamType;
  key: string;
  /** Version the decision was based on; 0 for a stream that must not exist yet. */
  expectedVersion: number;
  events: NewEvent[];
  actor: string;
  /** The writer's change comment, stored with every event of the command. */
  comment?: string;
  /** Recorded with the events so that the same decision is never applied twice. */
  decisionId?: string;
}

export interface ReadAllOptions {
  streamId?: string;
  streamType?: StreamType;
  /** The entity key, of any stream type. */
  key?: string;
  actor?: string;
  /** Occurred at or after `from`, before `to`. */
  from?: Date;
  to?: Date;
  /** Oldest first from this position (tailing); without it, newest first. */
  afterPosition?: number;
  /** Newest first, below this position (the next page of a newest-first read). */
  beforePosition?: number;
  limit: number;
}

/** One version of one stream. */
export interface StreamVersion {
  streamId: string;
  version: number;
}

/**
 * One write, from its first read to its append, in one transaction: what the command reads (the
 * entity, the live entities its references and dependents are checked against) is what holds when
 * it commits. `append` writes the events, the read-model update and the decision id together
 * (ConflictError on a stale version or a repeated decision id).
 */
export interface WriteSession extends Pick<EntityViewStore, 'get' | 'list'> {
  append(command: AppendCommand): Promise<StoredEvent[]>;
}

/** The write model. */
export interface EventStore {
  /** Runs `work` in one transaction that no other write interleaves with. */
  write<T>(work: (session: WriteSession) => Promise<T>): Promise<T>;
  /** Events of one stream in version order; only those that occurred at or before `until` if given. */
  readStream(streamId: string, until?: Date): Promise<StoredEvent[]>;
  /** Events of every stream of one type that occurred at or before `until`, by stream then version (time travel of lists). */
  readStreamType(streamType: StreamType, until: Date): Promise<StoredEvent[]>;
  readAll(options: ReadAllOptions): Promise<StoredEvent[]>;
  /** The events at the given stream versions (those that exist), in no particular order. */
  readVersions(versions: readonly StreamVersion[]): Promise<StoredEvent[]>;
  isDecisionProcessed(decisionId: string): Promise<boolean>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
