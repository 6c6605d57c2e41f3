import type { ClickHousePort } from '@xp/clickhouse';
import { consumerGroups, topics as xpTopics, type MessageTypeName } from '@xp/contracts';
import { ensureRegistryTopics, runBatchConsumer, type BatchConsumerHandle, type BatchConsumerLogger } from '@xp/kafka';
import type { Kafka } from 'kafkajs';
import { eventTarget } from './event-target';
import { exposureTarget } from './exposure-target';
import type { IngestTarget } from './ingest-target';
import { noIngestionMetrics, type IngestionMetrics } from './ingestion-metrics';
import { RawTableWriter } from './raw-table-writer';

/** Rows per ClickHouse insert at most (ClickHouse prefers 10k-100k; kafkajs fetches ~1 MB per partition). */
export const DEFAULT_INGEST_BATCH_ROWS = 10_000;

export interface IngestionOptions {
  kafka: Kafka;
  clickhouse: ClickHousePort;
  /** Injectable for tests and benches; default the xp topics. */
  topics?: { exposures: string; events: string };
  /** Consumer groups are `<prefix>.exposures` and `<prefix>.events`. */
  groupPrefix?: string;
  maxBatchSize?: number;
  metrics?: IngestionMetrics;
  logger?: BatchConsumerLogger;
  /** Session timeout and heartbeat of the ingestion groups (KAFKA_SESSION_TIMEOUT_MS, KAFKA_HEARTBEAT_INTERVAL_MS). */
  consumer?: { sessionTimeoutMs: number; heartbeatIntervalMs: number };
  /** Create the topics (and their DLQs) when missing; default true. */
  ensureTopics?: boolean;
}

export interface IngestionHandle {
  readonly consumers: BatchConsumerHandle[];
  stop(): Promise<void>;
}

/**
 * Starts one batch consumer per topic. Each has its own group: kafkajs' assigners ignore member
 * subscriptions, so two consumers of different topics in one group could be handed each other's
 * partitions. The handler awaits the insert, so a slow ClickHouse slows consumption (no queue).
 */
export async function startIngestion(options: IngestionOptions): Promise<IngestionHandle> {
  const names = options.topics ?? { exposures: xpTopics.exposures.name, events: xpTopics.events.name };
  const metrics = options.metrics ?? noIngestionMetrics;
  if (options.ensureTopics ?? true) {
    await ensureRegistryTopics(options.kafka, names);
  }
  const consumers: BatchConsumerHandle[] = [];
  const stop = async () => {
    await Promise.all(consumers.map((consumer) => consumer.stop()));
  };
  try {
    consumers.push(await consume(options, metrics, names.exposures, exposureTarget));
    consumers.push(await consume(options, metrics, names.events, eventTarget));
  } catch (error) {
    await stop();
    throw error;
  }
  return { consumers, stop };
}

async function consume<T extends MessageTypeName>(
  options: IngestionOptions,
  metrics: IngestionMetrics,
  topic: string,
  target: IngestTarget<T>,
): Promise<BatchConsumerHandle> {
  const writer = new RawTableWriter(options.clickhouse, target, metrics);
  const handle = await runBatchConsumer({
    kafka: options.kafka,
    groupId: `${options.groupPrefix ?? consumerGroups.ingestion}.${target.name}`,
    topic,
    messageType: target.messageType,
    fromBeginning: true,
    maxBatchSize: options.maxBatchSize ?? DEFAULT_INGEST_BATCH_ROWS,
    sessionTimeoutMs: options.consumer?.sessionTimeoutMs,
    heartbeatIntervalMs: options.consumer?.heartbeatIntervalMs,
    logger: options.logger,
    handler: (records, batch) => writer.write(records, batch),
  });
  // After a (re)join, partitions may come from another instance: re-read the watermarks.
  handle.consumer.on(handle.consumer.events.GROUP_JOIN, () => writer.forgetProgress());
  return handle;
}
