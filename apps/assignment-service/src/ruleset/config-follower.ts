import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type ConfigEventData } from '@xp/contracts';
import { ensureTopics, runBatchConsumer, type BatchConsumerHandle, type BatchInfo } from '@xp/kafka';
import type { Admin, Kafka } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { KAFKA } from '../connections/tokens';
import { AssignmentMetrics } from '../metrics/assignment-metrics';
import { ASSIGNMENT_OPTIONS, type AssignmentOptions } from '../options/assignment-options';
import { topicsToEnsure } from '../options/topics-to-ensure';
import { CatchUpTracker } from './catch-up-tracker';
import { ConfigState } from './config-state';
import { OffsetBarrier } from './offset-barrier';
import { RulesetStore } from './ruleset-store';

const RESTART_DELAY_MS = 2000;

/**
 * Replays the config events topic from offset 0 at every start (a group id unique to this
 * process, so no committed offset applies), then keeps following it.
 */
@Injectable()
export class ConfigFollower implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ConfigFollower');
  private readonly state = new ConfigState();
  private tracker: CatchUpTracker | null = null;
  private readonly barrier = new OffsetBarrier();
  private admin: Promise<Admin> | null = null;
  private consumer: BatchConsumerHandle | null = null;
  private stopping = false;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(ASSIGNMENT_OPTIONS) private readonly options: AssignmentOptions,
    private readonly store: RulesetStore,
    private readonly metrics: AssignmentMetrics,
  ) {}

  onApplicationBootstrap(): void {
    // In the background: the HTTP server answers (readiness 503) while Kafka is unreachable.
    void this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.retryTimer);
    this.barrier.close();
    await this.consumer?.stop();
    const admin = await this.admin?.catch(() => null);
    await admin?.disconnect();
  }

  /**
   * Resolves true once every config event on the topic now has been applied to the served ruleset,
   * false if that takes longer than `timeoutMs` or the topic's end cannot be read. Lets a caller tell
   * "this experiment does not exist" from "this replica has not applied its creation yet".
   */
  async catchUp(timeoutMs: number): Promise<boolean> {
    if (!this.store.isReady()) return false;
    try {
      const admin = await this.connectedAdmin();
      const ends = await admin.fetchTopicOffsets(this.options.topics.configEvents);
      return await this.barrier.waitFor(new Map(ends.map((e) => [e.partition, BigInt(e.high)])), timeoutMs);
    } catch (err) {
      this.admin = null;
      this.logger.warn({ err }, 'cannot read the end of the config topic');
      return false;
    }
  }

  private connectedAdmin(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })();
    return this.admin;
  }

  /** Why the service is not ready yet, or null once caught up. */
  progress(): string | null {
    if (this.store.isReady()) return null;
    if (!this.tracker) return `not yet connected to ${this.options.topics.configEvents}`;
    return `replaying ${this.options.topics.configEvents}: ${this.tracker.describe()}`;
  }

  private async start(): Promise<void> {
    const topic = this.options.topics.configEvents;
    try {
      if (this.options.ensureTopics) await ensureTopics(this.kafka, topicsToEnsure(this.options.topics));
      const admin = this.kafka.admin();
      await admin.connect();
      try {
        this.tracker = new CatchUpTracker(await admin.fetchTopicOffsets(topic));
      } finally {
        await admin.disconnect();
      }
      if (this.stopping) return;
      const handle = await runBatchConsumer({
        kafka: this.kafka,
        groupId: `assignment-replay-${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`,
        topic,
        messageType: 'config.event',
        fromBeginning: true,
        handler: async (records, info) => this.applyBatch(records.map((r) => r.envelope.data), info),
        logger: kafkaLogger(this.logger),
      });
      this.consumer = handle;
      // Batches made only of invalid records (sent to the DLQ) never reach the handler; they still count.
      handle.consumer.on(handle.consumer.events.END_BATCH_PROCESS, ({ payload }) =>
        this.consumed(payload.partition, payload.lastOffset),
      );
      if (this.stopping) await handle.stop();
      else if (this.tracker.caughtUp) this.becomeReady();
    } catch (err) {
      if (this.stopping) return;
      this.logger.warn({ err, topic }, `cannot follow config events yet; retrying in ${RESTART_DELAY_MS} ms`);
      this.retryTimer = setTimeout(() => void this.start(), RESTART_DELAY_MS);
    }
  }

  private async applyBatch(events: ConfigEventData[], info: BatchInfo): Promise<void> {
    let changed = false;
    for (const event of events) {
      const outcome = this.state.apply(event);
      this.metrics.configEvents.inc({ outcome: outcome.kind });
      if (outcome.kind === 'invalid') {
        this.logger.warn({ streamId: event.streamId, version: event.version, reason: outcome.reason }, 'config event state ignored');
      }
      if (outcome.kind !== 'repeat') changed = true;
    }
    if (changed) {
      try {
        this.store.publish(this.state.toRuleset());
      } catch (err) {
        // Retrying the batch would fail the same way; keep serving the previous ruleset.
        this.logger.error({ err, version: this.state.position }, 'ruleset failed to compile; previous one kept');
      }
    }
    this.consumed(info.partition, info.lastOffset);
  }

  private consumed(partition: number, lastOffset: string): void {
    this.barrier.consumed(partition, lastOffset);
    if (this.tracker && !this.store.isReady() && this.tracker.consumed(partition, lastOffset)) this.becomeReady();
  }

  private becomeReady(): void {
    if (this.store.isReady()) return;
    this.store.markReady(() => this.state.toRuleset());
    this.logger.log({ version: this.state.position }, 'config events replayed; serving the ruleset');
  }
}

function kafkaLogger(logger: Logger) {
  return {
    warn: (context: Record<string, unknown>, message: string) => logger.warn(context, message),
    error: (context: Record<string, unknown>, message: string) => logger.error(context, message),
  };
}
