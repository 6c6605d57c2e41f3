import { consumerGroups, topics as xpTopics } from '@xp/contracts';
import { ensureRegistryTopics, type FetchOptions } from '@xp/kafka';
import type { KafkaSubscription } from '@xp/platform';
import type { Kafka } from 'kafkajs';

/** Rows per ClickHouse insert at most (ClickHouse prefers 10k-100k; kafkajs fetches ~1 MB per partition). */
export const DEFAULT_INGEST_BATCH_ROWS = 10_000;

/**
 * Each fetch waits up to a second for 1 MiB: every partition's batch becomes one insert, one part
 * (plus one of the first-exposure view for exposures), so records arriving a few at a time were
 * 14 inserts a second per table in the soak, which the merges then had to undo.
 */
export const INGEST_FETCH: FetchOptions = { minBytes: 1 << 20, maxWaitTimeInMs: 1000 };

export interface IngestionSubscriptionOptions {
  /** Default the xp topics. */
  topics?: { exposures: string; events: string };
  /** Consumer groups are `<prefix>.exposures` and `<prefix>.events`. */
  groupPrefix?: string;
  maxBatchSize?: number;
  /** Session timeout and heartbeat of the ingestion groups (KAFKA_SESSION_TIMEOUT_MS, KAFKA_HEARTBEAT_INTERVAL_MS). */
  consumer?: { sessionTimeoutMs: number; heartbeatIntervalMs: number };
  /** Create the topics (and their DLQs) when missing; default true. */
  ensureTopics?: boolean;
}

/**
 * One consumer per topic, each in its own group: kafkajs' assigners ignore member subscriptions, so two
 * consumers of different topics in one group could be handed each other's partitions. The handlers
 * (IngestionController) await the insert, so a slow ClickHouse slows consumption (no queue).
 */
export function ingestionSubscriptions(kafka: Kafka, options: IngestionSubscriptionOptions): KafkaSubscription[] {
  const names = options.topics ?? { exposures: xpTopics.exposures.name, events: xpTopics.events.name };
  const prefix = options.groupPrefix ?? consumerGroups.ingestion;
  const common = {
    fromBeginning: true,
    maxBatchSize: options.maxBatchSize ?? DEFAULT_INGEST_BATCH_ROWS,
    sessionTimeoutMs: options.consumer?.sessionTimeoutMs,
    heartbeatIntervalMs: options.consumer?.heartbeatIntervalMs,
    fetch: INGEST_FETCH,
    prepare: (options.ensureTopics ?? true) ? () => ensureRegistryTopics(kafka, names) : undefined,
  };
  return [
    { ...common, pattern: 'exposure', name: 'exposure ingestion', topic: names.exposures, messageType: 'exposure', groupId: `${prefix}.exposures` },
    { ...common, pattern: 'metric.event', name: 'event ingestion', topic: names.events, messageType: 'metric.event', groupId: `${prefix}.events` },
  ];
}
