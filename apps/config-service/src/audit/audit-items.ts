import { liftFlatFlag, type StreamType } from '@xp/contracts';
import type { EventStore } from '../event-store/event-store';
import type { StoredEvent } from '../event-store/stored-event';
import { keyOfStream } from '../event-store/stream-id';
import { evolveView, type EntityView } from '../projections/entity-view';
import { diffStates, type FieldChange } from './state-diff';

/** One change as people read it: who, when, which entity, what kind, why, and what changed. */
export interface AuditItem {
  position: number;
  streamId: string;
  entityType: StreamType;
  key: string;
  version: number;
  eventType: string;
  actor: string;
  comment: string | null;
  occurredAt: string;
  diff: FieldChange[];
  payload: Record<string, unknown>;
}

/**
 * What a reader sees of an entity at one version: its state, and `archived: true` once archived. A
 * flag stored before environments existed reads as its production part, so the first write after the
 * upgrade diffs only what it changed.
 */
const visible = (view: EntityView | undefined): Record<string, unknown> => {
  if (!view) return {};
  const state = view.streamType === 'flag' && view.state ? (liftFlatFlag(view.state) as Record<string, unknown>) : view.state;
  return { ...state, ...(view.archived ? { archived: true } : {}) };
};

/**
 * Each event with the field-level diff from the state before it (its stream's previous version,
 * read alongside when it is not on the page) to the state after it.
 */
export async function toAuditItems(store: EventStore, events: readonly StoredEvent[]): Promise<AuditItem[]> {
  const previous = await store.readVersions(events.filter((e) => e.version > 1).map((e) => ({ streamId: e.streamId, version: e.version - 1 })));
  const byVersion = new Map(previous.map((e) => [`${e.streamId}@${e.version}`, e]));
  return events.map((event) => {
    const before = byVersion.get(`${event.streamId}@${event.version - 1}`);
    const beforeView = before && evolveView(undefined, before);
    return {
      position: event.position,
      streamId: event.streamId,
      entityType: event.streamType,
      key: keyOfStream(event.streamId),
      version: event.version,
      eventType: event.eventType,
      actor: event.actor,
      comment: event.comment ?? null,
      occurredAt: event.occurredAt.toISOString(),
      diff: diffStates(visible(beforeView), visible(evolveView(beforeView, event))),
      payload: event.payload,
    };
  });
}
