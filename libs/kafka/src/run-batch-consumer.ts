import { Partitioners, type Consumer, type EachBatchPayload, type Kafka, type Producer } from 'kafkajs';
import { dlqTopicName, type MessageTypeName } from '@xp/contracts';
import { backoffDelay, defaultBackoff, type BackoffOptions } from '@xp/contracts';
import { deadLetterMessage } from './dead-letter';
import { decodeBatch, type ConsumedRecord, type RejectedRecord } from './decode-batch';
import { splitIntoChunks } from './split-into-chunks';
import { StopSignal, STOPPED } from './stop-signal';

export interface BatchInfo {
  topic: string;
  partition: number;
  firstOffset: string;
  lastOffset: string;
  /** Offset of the next record the partition will get; lastOffset + 1 === highWatermark means caught up. */
  highWatermark: string;
  /** How many times this consumer has joined its group so far: a change means its partitions may have been another member's meanwhile. */
  groupJoins: number;
}

export type BatchHandler<T extends MessageTypeName> = (records: ConsumedRecord<T>[], batch: BatchInfo) => Promise<void>;

export interface BatchConsumerLogger {
  warn(context: Record<string, unknown>, message: string): void;
  error(context: Record<string, unknown>, message: string): void;
}

export interface BatchConsumerOptions<T extends MessageTypeName> {
  kafka: Kafka;
  groupId: string;
  topic: string;
  messageType: T;
  handler: BatchHandler<T>;
  fromBeginning?: boolean;
  /** Largest number of records given to one handler call (default 1000). */
  maxBatchSize?: number;
  /** Delay between attempts when the handler or the dead-letter send fails. */
  backoff?: BackoffOptions;
  /** How long stop() lets a running handler finish before abandoning its batch uncommitted (default 10 s). */
  stopGraceMs?: number;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  /**
   * How long the broker may hold a fetch to gather `minBytes` (kafkajs' minBytes / maxWaitTimeInMs;
   * default: answered as soon as one record is there). Larger, fewer batches for a sink that pays per
   * write (a ClickHouse insert makes one part), at the cost of up to `maxWaitTimeInMs` of latency.
   */
  fetch?: FetchOptions;
  partitionsConsumedConcurrently?: number;
  logger?: BatchConsumerLogger;
  /**
   * Called for every chunk once its dead letters were sent and the handler succeeded, just before its
   * offset is committed; also for chunks made only of invalid records, which never reach the handler.
   */
  onProcessed?: (batch: BatchInfo) => void;
}

export interface FetchOptions {
  minBytes: number;
  maxWaitTimeInMs: number;
}

export interface BatchConsumerHandle {
  readonly consumer: Consumer;
  /** True while the consumer is a member of its group with partitions assigned (false while it (re)joins). */
  readonly assigned: boolean;
  stop(): Promise<void>;
}

/**
 * Consumes `topic` in batches with commit-after-work: records failing their contract go to
 * `<topic>.dlq`, valid ones to the handler, and offsets are committed only once both succeeded.
 * A failing handler is retried with backoff and nothing is committed meanwhile, so a crash
 * or stop at any point redelivers exactly the uncommitted records.
 */
export async function runBatchConsumer<T extends MessageTypeName>(
  options: BatchConsumerOptions<T>,
): Promise<BatchConsumerHandle> {
  const { kafka, groupId, topic, messageType, handler } = options;
  const maxBatchSize = options.maxBatchSize ?? 1000;
  const backoff = options.backoff ?? defaultBackoff;
  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? 3000;
  const consumer = kafka.consumer({
    groupId,
    sessionTimeout: options.sessionTimeoutMs ?? 30_000,
    heartbeatInterval: heartbeatIntervalMs,
    ...options.fetch,
  });
  const dlqProducer: Producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });

  let stopRequested = false;
  // stop() fires `stopping` at once (a retry's backoff ends) and `abandoning` after the grace period
  // (a running handler's batch is given up uncommitted).
  const stopping = new StopSignal();
  const abandoning = new StopSignal();

  async function sendDeadLetters(rejected: RejectedRecord[], partition: number): Promise<void> {
    await dlqProducer.send({
      topic: dlqTopicName(topic),
      acks: -1,
      messages: rejected.map((r) => deadLetterMessage(r, { topic, partition, groupId })),
    });
  }

  async function withHeartbeats<R>(payload: EachBatchPayload, work: Promise<R>): Promise<R | typeof STOPPED> {
    // kafkajs throttles heartbeat() itself; a failure here (rebalance) surfaces at commit time.
    const timer = setInterval(() => payload.heartbeat().catch(() => undefined), heartbeatIntervalMs);
    try {
      return await abandoning.race(work);
    } finally {
      clearInterval(timer);
    }
  }

  /** Returns false when the chunk was abandoned (stop or rebalance) without committing. */
  async function processChunk(payload: EachBatchPayload, chunk: EachBatchPayload['batch']['messages']): Promise<boolean> {
    const { partition } = payload.batch;
    const { valid, rejected } = decodeBatch(messageType, partition, chunk);
    const info: BatchInfo = {
      topic,
      partition,
      firstOffset: chunk[0].offset,
      lastOffset: chunk[chunk.length - 1].offset,
      highWatermark: payload.batch.highWatermark,
      groupJoins,
    };
    let deadLettered = rejected.length === 0;
    for (let attempt = 1; ; attempt++) {
      if (!payload.isRunning() || payload.isStale()) return false;
      try {
        if (!deadLettered) {
          await sendDeadLetters(rejected, partition);
          deadLettered = true;
        }
        if (valid.length > 0) {
          const work = handler(valid, info);
          work.catch(() => undefined); // an abandoned handler may still reject later
          if ((await withHeartbeats(payload, work)) === STOPPED) return false;
        }
        break;
      } catch (err) {
        const delay = backoffDelay(attempt, backoff);
        options.logger?.warn({ err, ...info, attempt, delay }, 'batch failed; retrying without committing');
        await stopping.race(new Promise((resolve) => setTimeout(resolve, delay)));
        await payload.heartbeat().catch(() => undefined);
      }
    }
    options.onProcessed?.(info);
    payload.resolveOffset(info.lastOffset);
    const next = (BigInt(info.lastOffset) + 1n).toString();
    await payload.commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: next }] }] });
    return true;
  }

  let assigned = false;
  let groupJoins = 0;
  consumer.on(consumer.events.GROUP_JOIN, () => {
    assigned = true;
    groupJoins += 1;
  });
  consumer.on(consumer.events.REBALANCING, () => (assigned = false));
  consumer.on(consumer.events.STOP, () => (assigned = false));
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    assigned = false;
    options.logger?.error({ err: payload.error, groupId, topic, restart: payload.restart }, 'consumer crashed');
  });
  await dlqProducer.connect();
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: options.fromBeginning ?? false });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
    eachBatch: async (payload) => {
      for (const chunk of splitIntoChunks(payload.batch.messages, maxBatchSize)) {
        if (stopRequested || !(await processChunk(payload, chunk))) return;
      }
    },
  });

  return {
    consumer,
    get assigned() {
      return assigned;
    },
    async stop() {
      if (stopRequested) return;
      stopRequested = true;
      stopping.fire();
      const grace = setTimeout(() => abandoning.fire(), options.stopGraceMs ?? 10_000);
      try {
        await consumer.disconnect();
        await dlqProducer.disconnect();
      } finally {
        clearTimeout(grace);
      }
    },
  };
}
