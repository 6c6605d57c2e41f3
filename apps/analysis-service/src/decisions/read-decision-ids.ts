import { randomBytes } from 'node:crypto';
import type { Kafka } from 'kafkajs';

/**
 * The decision ids already on the decisions topic: read from offset 0 up to the end offsets seen
 * at start, so that a restarted service does not publish them again.
 */
export async function readDecisionIds(kafka: Kafka, topic: string, timeoutMs = 30_000): Promise<Set<string>> {
  const ids = new Set<string>();
  const admin = kafka.admin();
  await admin.connect();
  let remaining: Map<number, bigint>;
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    remaining = new Map(offsets.filter((o) => BigInt(o.high) > BigInt(o.low)).map((o) => [o.partition, BigInt(o.high)]));
  } finally {
    await admin.disconnect();
  }
  if (remaining.size === 0) return ids;

  const consumer = kafka.consumer({ groupId: `analysis-decisions-reader-${process.pid}-${randomBytes(4).toString('hex')}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out reading ${topic} back`)), timeoutMs);
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          try {
            const id = (JSON.parse(message.value?.toString('utf8') ?? '{}') as { data?: { decisionId?: unknown } }).data?.decisionId;
            if (typeof id === 'string') ids.add(id);
          } catch {
            // Not ours to judge: a malformed record simply carries no id.
          }
          const end = remaining.get(partition);
          if (end !== undefined && BigInt(message.offset) + 1n >= end) remaining.delete(partition);
          if (remaining.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return ids;
}
