import type { Message } from 'kafkajs';
import type { RejectedRecord } from './decode-batch';

export const DLQ_HEADERS = {
  reason: 'xp-dlq-reason',
  sourceTopic: 'xp-dlq-source-topic',
  sourcePartition: 'xp-dlq-source-partition',
  sourceOffset: 'xp-dlq-source-offset',
  consumerGroup: 'xp-dlq-consumer-group',
  failedAt: 'xp-dlq-failed-at',
} as const;

const MAX_REASON_LENGTH = 4000;

/** The dead-letter copy of a rejected record: same key and value, original headers plus why and where from. */
export function deadLetterMessage(
  rejected: RejectedRecord,
  source: { topic: string; partition: number; groupId: string },
  now: Date = new Date(),
): Message {
  const { message } = rejected;
  return {
    key: message.key,
    value: message.value,
    headers: {
      ...message.headers,
      [DLQ_HEADERS.reason]: rejected.reason.slice(0, MAX_REASON_LENGTH),
      [DLQ_HEADERS.sourceTopic]: source.topic,
      [DLQ_HEADERS.sourcePartition]: String(source.partition),
      [DLQ_HEADERS.sourceOffset]: message.offset,
      [DLQ_HEADERS.consumerGroup]: source.groupId,
      [DLQ_HEADERS.failedAt]: now.toISOString(),
    },
  };
}
