import type { StreamType } from '@xp/contracts';

/** An event about to be appended: its type and its state-carrying payload. */
export interface NewEvent {
  eventType: string;
  payload: Record<string, unknown>;
}

/** A committed event as the store holds it. */
export interface StoredEvent extends NewEvent {
  position: number;
  streamId: string;
  streamType: StreamType;
  version: number;
  actor: string;
  /** Why, in the writer's words (absent when none was given). */
  comment?: string;
  occurredAt: Date;
}
