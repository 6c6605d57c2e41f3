import type { StreamType } from '@xp/contracts';
import type { NewEvent, StoredEvent } from './stored-event';

export interface AppendCommand {
  streamType: StreamType;
  key: string;
  /** Version the decision was based on; 0 for a stream that must not exist yet. */
  expectedVersion: number;
  events: NewEvent[];
  actor: string;
  /** Recorded with the events so that the same decision is never applied twice. */
  decisionId?: string;
}

export interface ReadAllOptions {
  streamId?: string;
  afterPosition?: number;
  limit: number;
}

/**
 * The write model. `append` is atomic: the events, the read-model update and the decision id are
 * committed together, or nothing is (ConflictError on a stale version or a repeated decision id).
 */
export interface EventStore {
  append(command: AppendCommand): Promise<StoredEvent[]>;
  /** Events of one stream in version order; only those that occurred at or before `until` if given. */
  readStream(streamId: string, until?: Date): Promise<StoredEvent[]>;
  /** Events of every stream of one type that occurred at or before `until`, by stream then version (time travel of lists). */
  readStreamType(streamType: StreamType, until: Date): Promise<StoredEvent[]>;
  readAll(options: ReadAllOptions): Promise<StoredEvent[]>;
  isDecisionProcessed(decisionId: string): Promise<boolean>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
