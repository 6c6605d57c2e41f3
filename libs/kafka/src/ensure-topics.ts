import type { Kafka } from 'kafkajs';
import { dlqTopicName } from '@xp/contracts';

export interface TopicToEnsure {
  name: string;
  partitions: number;
  config?: Record<string, string>;
}

export interface EnsureTopicsOptions {
  /** Defaults to -1: the broker's default.replication.factor. */
  replicationFactor?: number;
  /** Also create `<topic>.dlq` for each topic (default true). */
  withDeadLetters?: boolean;
}

/** Creates the topics (and their dead-letter topics) that do not exist yet; returns the names it created. */
export async function ensureTopics(
  kafka: Kafka,
  specs: readonly TopicToEnsure[],
  options: EnsureTopicsOptions = {},
): Promise<string[]> {
  const wanted: TopicToEnsure[] = [];
  for (const spec of specs) {
    wanted.push(spec);
    if (options.withDeadLetters ?? true) wanted.push({ name: dlqTopicName(spec.name), partitions: spec.partitions });
  }
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((t) => !existing.has(t.name));
    if (missing.length === 0) return [];
    // kafkajs resolves false instead of failing when another process created them first.
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((t) => ({
        topic: t.name,
        numPartitions: t.partitions,
        replicationFactor: options.replicationFactor ?? -1,
        configEntries: Object.entries(t.config ?? {}).map(([name, value]) => ({ name, value })),
      })),
    });
    return missing.map((t) => t.name);
  } finally {
    await admin.disconnect();
  }
}
