import { Logger } from '@nestjs/common';
import { defaultBackoff } from '@xp/contracts';
import type { OutgoingRecord } from '@xp/kafka';
import { BackgroundStarter } from '@xp/platform';
import { Client } from 'pg';
import { isContiguous } from './is-contiguous';
import type { OutboxEvent } from './outbox-event';
import { OutboxStore } from './outbox-store';
import type { RelaySettings } from './relay-settings';
import { toConfigEventRecord } from './to-config-event-record';
import { WakeSignal } from './wake-signal';

/** Sends one batch to Kafka, resolving only once the broker acknowledged all of it. */
export type PublishConfigEvents = (topic: string, records: OutgoingRecord<'config.event'>[]) => Promise<void>;

export interface OutboxRelayDeps {
  databaseUrl: string;
  publish: PublishConfigEvents;
  settings: RelaySettings;
  /** Runs before each session (ensure topics, connect the producer); a failure is retried with backoff. */
  prepare?: () => Promise<void>;
  /** Events committed but not yet published, after each pass (the lag gauge). */
  onLag?: (events: number) => void;
  logger?: Pick<Logger, 'log' | 'warn' | 'error'>;
}

/**
 * Publishes committed events of the store to Kafka in position order, then checkpoints: a crash
 * between the two republishes the batch (at-least-once; consumers drop repeats on (streamId, version)).
 * Only the instance holding the advisory lock publishes; the others wait to take over.
 *
 * For the append side (event store): no global lock is needed. Positions that commit out of order
 * are handled here (a hole triggers OutboxStore.waitForInFlightAppends before anything past it is
 * published). A commit wakes the relay through PostgreSQL's NOTIFY (the trigger of
 * create-relay-notify-trigger-1732600000000.ts, LISTENed to by the session); the 500 ms poll is the
 * fallback that publishes every event even without it.
 */
export class OutboxRelay {
  private readonly wakeSignal = new WakeSignal();
  private readonly logger: Pick<Logger, 'log' | 'warn' | 'error'>;
  private stopped = false;
  private starter: BackgroundStarter | undefined;
  private active = false;

  constructor(private readonly deps: OutboxRelayDeps) {
    this.logger = deps.logger ?? new Logger('OutboxRelay');
  }

  /** True while this instance holds the relay lock. */
  get isActive(): boolean {
    return this.active;
  }

  /** Runs sessions in the background; a failed one (Kafka or PostgreSQL away) is retried with backoff. */
  start(): void {
    this.stopped = false;
    if (this.starter && !this.starter.stopped) return;
    const starter = new BackgroundStarter(
      'outbox relay',
      () => this.session(),
      { warn: ({ err, attempt }) => this.logger.warn(`relay pass failed (attempt ${attempt}), retrying: ${(err as Error).message}`) },
      defaultBackoff,
    );
    this.starter = starter;
    void starter.begin();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeSignal.wake();
    await this.starter?.stop();
  }

  /** One database session: take the lock, then publish until stopped or the connection fails. */
  private async session(): Promise<void> {
    await this.deps.prepare?.();
    const client = new Client({ connectionString: this.deps.databaseUrl });
    let connectionError: Error | undefined;
    client.on('error', (err) => {
      connectionError = err;
      this.wakeSignal.wake();
    });
    await client.connect();
    const store = new OutboxStore(client, this.deps.settings.checkpointName);
    try {
      while (!this.stopped && !(await store.tryLock())) await this.wakeSignal.sleep(this.deps.settings.lockRetryMs);
      if (this.stopped) return;
      this.active = true;
      this.logger.log(`relay active, publishing to ${this.deps.settings.topic}`);
      await store.listen(() => this.wakeSignal.wake());
      while (!this.stopped) {
        if (connectionError) throw connectionError;
        const published = await this.publishPending(store);
        if (!published) await this.wakeSignal.sleep(this.deps.settings.pollIntervalMs);
      }
    } finally {
      this.active = false;
      // Closing the session releases the advisory lock for a standby.
      await client.end().catch(() => undefined);
    }
  }

  /** Publishes the next batch; false when there was nothing to publish. */
  private async publishPending(store: OutboxStore): Promise<boolean> {
    const { batchSize, barrierTimeoutMs, topic } = this.deps.settings;
    const checkpoint = await store.readCheckpoint();
    let events: OutboxEvent[] = await store.readAfter(checkpoint, batchSize);
    if (events.length === 0) {
      this.deps.onLag?.(0);
      return false;
    }
    const last = events[events.length - 1].position;
    if (!isContiguous(checkpoint, events.map((e) => e.position))) {
      // A lower position may still commit: wait until it has, or was rolled back, then read again.
      await store.waitForInFlightAppends(barrierTimeoutMs);
      events = await store.readRange(checkpoint, last);
    }
    await this.deps.publish(topic, events.map(toConfigEventRecord));
    await store.saveCheckpoint(last);
    this.deps.onLag?.(await store.countAfter(last));
    return true;
  }
}
