import type { Admin, Kafka } from 'kafkajs';
import { dlqTopicName } from '@xp/contracts';
import { backoffDelay } from '@xp/contracts';
import { KafkaAdapterError } from './kafka-errors';

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
  /** How long to wait for every partition of every topic to have a leader (default 30 s). */
  leaderTimeoutMs?: number;
}

/**
 * Creates the topics (and their dead-letter topics) that do not exist yet, then waits until every
 * partition of every wanted topic has a leader; returns the names it created.
 *
 * The wait is ours, not kafkajs' `waitForLeaders`: on a KRaft broker that has just started (or a
 * topic another process has just created) the metadata answer can say UNKNOWN_TOPIC_OR_PARTITION
 * for a moment, and kafkajs gives up on that error instead of retrying it.
 */
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
    if (missing.length > 0) {
      // kafkajs resolves false instead of failing when another process created them first.
      await admin.createTopics({
        waitForLeaders: false,
        topics: missing.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor: options.replicationFactor ?? -1,
          configEntries: Object.entries(t.config ?? {}).map(([name, value]) => ({ name, value })),
        })),
      });
    }
    await waitForLeaders(
      admin,
      wanted.map((t) => t.name),
      options.leaderTimeoutMs ?? 30_000,
    );
    return missing.map((t) => t.name);
  } finally {
    await admin.disconnect();
  }
}

/** Metadata errors that only mean "not propagated yet" right after a topic or a broker appeared. */
const stillPropagating = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE', 'NOT_LEADER_FOR_PARTITION']);

async function waitForLeaders(admin: Admin, names: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  for (let attempt = 1; ; attempt++) {
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: names });
      const leaderless = topics.filter((t) => t.partitions.length === 0 || t.partitions.some((p) => p.leader < 0));
      if (leaderless.length === 0 && topics.length === names.length) return;
      last = `no leader yet for ${leaderless.map((t) => t.name).join(', ') || 'some topics'}`;
    } catch (err) {
      const type = (err as { type?: string }).type;
      if (!type || !stillPropagating.has(type)) throw err;
      last = `${type}: ${(err as Error).message}`;
    }
    if (Date.now() >= deadline) {
      throw new KafkaAdapterError(
        'TOPICS_NOT_READY',
        `topics ${names.join(', ')} have no leader after ${timeoutMs} ms (${last})`,
        true,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, { initialMs: 50, maxMs: 1_000 })));
  }
}
