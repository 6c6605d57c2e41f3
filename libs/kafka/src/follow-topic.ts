import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { MessageTypeName } from '@xp/contracts';
import type { Admin, Kafka } from 'kafkajs';
import type { BackoffOptions } from '@xp/contracts';
import { OffsetBarrier } from './offset-barrier';
import { runBatchConsumer, type BatchConsumerHandle, type BatchConsumerLogger, type BatchHandler } from './run-batch-consumer';

export interface FollowTopicOptions<T extends MessageTypeName> {
  kafka: Kafka;
  topic: string;
  messageType: T;
  /** The group id is `<groupPrefix>-<host>-<pid>-<random>`: no committed offset applies, so every start replays from offset 0. */
  groupPrefix: string;
  /** Gets every record that passed its contract, in offset order per partition (invalid ones go to `<topic>.dlq`). */
  handler: BatchHandler<T>;
  /** Called once, after the handler has processed every record the topic held at start. */
  onCaughtUp?: () => void;
  maxBatchSize?: number;
  backoff?: BackoffOptions;
  logger?: BatchConsumerLogger;
}

/** A consumer that replayed (or is replaying) a topic from offset 0 and keeps following it. */
export interface TopicFollower {
  /** True once every record the topic held at start has been processed. */
  readonly caughtUp: boolean;
  /** What the replay still waits for (`replaying t: partition 0 until offset 10`), or null once caught up. */
  progress(): string | null;
  /** Resolves true once caught up, false after `timeoutMs` or when stopped first. */
  whenCaughtUp(timeoutMs: number): Promise<boolean>;
  /**
   * Resolves true once every record on the topic *now* has been processed ("read your writes"), false
   * after `timeoutMs` or when the topic's end cannot be read.
   */
  reachEnd(timeoutMs: number): Promise<boolean>;
  stop(): Promise<void>;
}

/** partition -> high watermark, for the partitions that hold records (high > low). */
async function endOffsets(admin: Admin, topic: string): Promise<Map<number, bigint>> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return new Map(offsets.filter((o) => BigInt(o.high) > BigInt(o.low)).map((o) => [o.partition, BigInt(o.high)]));
}

/**
 * Replays `topic` from offset 0 until caught up with the end it had at start, then follows it:
 * the one way a service rebuilds in-memory state from a topic (the config events, decision ids).
 * Built on runBatchConsumer, so records pass their contract first and poison goes to the DLQ.
 * The handler must be idempotent (a replay after a restart sends everything again).
 */
export async function followTopic<T extends MessageTypeName>(options: FollowTopicOptions<T>): Promise<TopicFollower> {
  const { kafka, topic } = options;
  const barrier = new OffsetBarrier();
  let admin: Promise<Admin> | null = null;
  const connectedAdmin = (): Promise<Admin> =>
    (admin ??= (async () => {
      const created = kafka.admin();
      await created.connect();
      return created;
    })().catch((err: unknown) => {
      admin = null;
      throw err;
    }));
  const closeAdmin = async (): Promise<void> => {
    const open = admin;
    admin = null;
    await (await open?.catch(() => null))?.disconnect().catch(() => undefined);
  };

  const startEnds = await endOffsets(await connectedAdmin(), topic);
  let caughtUp = false;
  const noteProgress = () => {
    if (caughtUp || !barrier.reached(startEnds)) return;
    caughtUp = true;
    options.onCaughtUp?.();
  };
  let handle: BatchConsumerHandle;
  try {
    handle = await runBatchConsumer({
      kafka,
      groupId: `${options.groupPrefix}-${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`,
      topic,
      messageType: options.messageType,
      fromBeginning: true,
      handler: options.handler,
      maxBatchSize: options.maxBatchSize,
      backoff: options.backoff,
      logger: options.logger,
      onProcessed: (batch) => {
        barrier.consumed(batch.partition, batch.lastOffset);
        noteProgress();
      },
    });
  } catch (err) {
    await closeAdmin();
    throw err;
  }
  noteProgress();

  return {
    get caughtUp() {
      return caughtUp;
    },
    progress() {
      if (caughtUp) return null;
      const left = [...barrier.remaining(startEnds)].map(([p, high]) => `partition ${p} until offset ${high}`);
      return `replaying ${topic}: ${left.join(', ')}`;
    },
    whenCaughtUp: (timeoutMs) => barrier.waitFor(startEnds, timeoutMs),
    async reachEnd(timeoutMs) {
      try {
        return await barrier.waitFor(await endOffsets(await connectedAdmin(), topic), timeoutMs);
      } catch (err) {
        await closeAdmin();
        options.logger?.warn({ err, topic }, 'cannot read the end of the topic');
        return false;
      }
    },
    async stop() {
      barrier.close();
      await handle.stop();
      await closeAdmin();
    },
  };
}
