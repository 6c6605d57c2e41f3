import type { Kafka } from 'kafkajs';
import { headersToStrings } from '../decode-batch';
import { uniqueGroupId } from './unique-topic';

export interface ReadRecord {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

/**
 * Reads a topic from the beginning with a throw-away group until `count` records arrived
 * or `timeoutMs` passed, and returns what it got (sorted by partition, then offset).
 */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  options: { count: number; timeoutMs?: number },
): Promise<ReadRecord[]> {
  const records: ReadRecord[] = [];
  const consumer = kafka.consumer({ groupId: uniqueGroupId('reader') });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, options.timeoutMs ?? 15_000);
      if (options.count <= 0) resolve();
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          records.push({
            key: message.key?.toString('utf8') ?? null,
            value: message.value?.toString('utf8') ?? null,
            headers: headersToStrings(message.headers),
            partition,
            offset: message.offset,
          });
          if (records.length >= options.count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return records.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}
