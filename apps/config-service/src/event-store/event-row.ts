import type { StreamType } from '@xp/contracts';
import type { StoredEvent } from './stored-event';

export interface EventRow {
  position: string | number;
  stream_id: string;
  stream_type: string;
  version: number;
  event_type: string;
  payload: Record<string, unknown>;
  actor: string;
  comment: string | null;
  occurred_at: Date;
}

export const EVENT_COLUMNS = 'position, stream_id, stream_type, version, event_type, payload, actor, comment, occurred_at';

/** pg returns bigint as a string; positions stay far below 2^53. */
export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    position: Number(row.position),
    streamId: row.stream_id,
    streamType: row.stream_type as StreamType,
    version: row.version,
    eventType: row.event_type,
    payload: row.payload,
    actor: row.actor,
    ...(row.comment ? { comment: row.comment } : {}),
    occurredAt: row.occurred_at,
  };
}
