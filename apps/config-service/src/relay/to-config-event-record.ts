import { makeEnvelope } from '@xp/contracts';
import type { OutgoingRecord } from '@xp/kafka';
import { CONFIG_EVENT_ID_NAMESPACE, nameBasedUuid } from './name-based-uuid';
import type { OutboxEvent } from './outbox-event';

/** Same (streamId, version) => same envelope id, so a republished event is recognisable as a repeat. */
export function configEventId(streamId: string, version: number): string {
  return nameBasedUuid(CONFIG_EVENT_ID_NAMESPACE, `${streamId}@${version}`);
}

/** The Kafka record of one stored event: keyed by stream, stamped with the time the event happened. */
export function toConfigEventRecord(event: OutboxEvent): OutgoingRecord<'config.event'> {
  const data = {
    streamId: event.streamId,
    streamType: event.streamType,
    version: event.version,
    position: event.position,
    eventType: event.eventType,
    payload: event.payload,
    ...(event.actor ? { actor: event.actor } : {}),
    ...(event.comment ? { comment: event.comment } : {}),
  };
  return {
    key: event.streamId,
    envelope: makeEnvelope('config.event', data, {
      id: configEventId(event.streamId, event.version),
      occurredAt: event.occurredAt,
    }),
  };
}
