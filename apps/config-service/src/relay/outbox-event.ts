import type { StreamType } from '@xp/contracts';

/** A committed row of the `events` table, as the relay reads it. */
export interface OutboxEvent {
  position: number;
  streamId: string;
  streamType: StreamType;
  version: number;
  eventType: string;
  payload: Record<string, unknown>;
  actor: string;
  occurredAt: Date;
}

export interface OutboxEventRow {
  position: string;
  stream_id: string;
  stream_type: string;
  version: number;
  event_type: string;
  payload: Record<string, unknown>;
  actor: string;
  occurred_at: Date;
}

export const OUTBOX_EVENT_COLUMNS = 'position, stream_id, stream_type, version, event_type, payload, actor, occurred_at';

/** pg returns bigint as a string; positions stay far below 2^53. */
export function toOutboxEvent(row: OutboxEventRow): OutboxEvent {
  return {
    position: Number(row.position),
    streamId: row.stream_id,
    streamType: row.stream_type as StreamType,
    version: row.version,
    eventType: row.event_type,
    payload: row.payload,
    actor: row.actor,
    occurredAt: row.occurred_at,
  };
}
