// The event store is the outbox: the relay reads committed rows of the `events` table with the
// same row mapping the store uses, under the names of its own vocabulary.
export { EVENT_COLUMNS as OUTBOX_EVENT_COLUMNS, toStoredEvent as toOutboxEvent, type EventRow as OutboxEventRow } from '../event-store/event-row';
export type { StoredEvent as OutboxEvent } from '../event-store/stored-event';
