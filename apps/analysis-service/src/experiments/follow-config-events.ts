import { randomBytes } from 'node:crypto';
import { runBatchConsumer, type BatchConsumerLogger } from '@xp/kafka';
import type { Kafka } from 'kafkajs';
import type { ExperimentCatalogue } from './experiment-catalogue';

export interface ConfigEventsFollower {
  /** True once every config event present at start has been applied (before that, states may be stale). */
  caughtUp(): boolean;
  stop(): Promise<void>;
}

export interface FollowConfigEventsOptions {
  kafka: Kafka;
  topic: string;
  catalogue: ExperimentCatalogue;
  logger?: BatchConsumerLogger;
}

async function endOffsets(kafka: Kafka, topic: string): Promise<Map<number, bigint>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
  } finally {
    await admin.disconnect();
  }
}

/**
 * Replays the config events topic from offset 0 into the catalogue at every start: a group id
 * unique to this process plus fromBeginning (the topic is compacted by nobody and small), then
 * follows it. Applying is idempotent per (streamId, version), so redeliveries are harmless.
 */
export async function followConfigEvents(options: FollowConfigEventsOptions): Promise<ConfigEventsFollower> {
  const { kafka, topic, catalogue, logger } = options;
  const pending = await endOffsets(kafka, topic);
  for (const [partition, end] of pending) if (end === 0n) pending.delete(partition);
  const handle = await runBatchConsumer({
    kafka,
    groupId: `analysis-catalogue-${process.pid}-${randomBytes(4).toString('hex')}`,
    topic,
    messageType: 'config.event',
    fromBeginning: true,
    logger,
    handler: async (records, batch) => {
      for (const record of records) {
        const outcome = catalogue.apply(record.envelope.data, new Date(record.envelope.occurredAt));
        if (outcome === 'invalid') logger?.warn({ streamId: record.envelope.data.streamId, offset: record.offset }, 'config event state failed its schema; skipped');
      }
      const end = pending.get(batch.partition);
      if (end !== undefined && BigInt(batch.lastOffset) + 1n >= end) pending.delete(batch.partition);
    },
  });
  return { caughtUp: () => pending.size === 0, stop: () => handle.stop() };
}
