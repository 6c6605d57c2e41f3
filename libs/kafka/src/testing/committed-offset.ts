import type { Kafka } from 'kafkajs';

/** The offset `groupId` committed on partition 0 of `topic` ('-1' when nothing was committed). */
export async function committedOffset(kafka: Kafka, groupId: string, topic: string): Promise<string> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return entry.partitions[0].offset;
  } finally {
    await admin.disconnect();
  }
}
