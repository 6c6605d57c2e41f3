import type { StreamType } from '@xp/contracts';
import type { StoredEvent } from '../event-store/stored-event';
import { keyOfStream } from '../event-store/stream-id';

/** The read model of one entity: its latest state, even once archived (archive events carry `state: null`). */
export interface EntityView {
  streamType: StreamType;
  key: string;
  version: number;
  state: Record<string, unknown>;
  archived: boolean;
  updatedAt: Date;
}

/**
 * Applies one event to a view. Every payload carries the complete state, so this never needs a
 * decider: the same function serves the live projection, the rebuild and time travel.
 */
export function evolveView(view: EntityView | undefined, event: StoredEvent): EntityView {
  const next = event.payload.state as Record<string, unknown> | null | undefined;
  const previous = view?.state ?? {};
  const archivedState = event.streamType === 'experiment' ? { ...previous, status: 'archived' } : previous;
  return {
    streamType: event.streamType,
    key: keyOfStream(event.streamId),
    version: event.version,
    state: next ?? archivedState,
    archived: next === null,
    updatedAt: event.occurredAt,
  };
}

/** Folds a stream's events (in version order) into its view; undefined for an empty stream. */
export function foldView(events: readonly StoredEvent[], start?: EntityView): EntityView | undefined {
  return events.reduce<EntityView | undefined>(evolveView, start);
}
