import type { PendingExposure } from './pending-exposure';

export interface ExposureBufferOptions {
  maxSize: number;
  batchSize: number;
}

export interface ExposureBufferEvents {
  published(count: number): void;
  /** Exposures that will never be sent (Kafka rejected them as invalid). */
  rejected(items: PendingExposure[], error: unknown): void;
  /** A send failed for a reason that may pass; the batch stays buffered for the next flush. */
  sendFailed(error: unknown, buffered: number): void;
}

export type SendBatch = (batch: PendingExposure[]) => Promise<void>;

/** Outcome of a failed send: which buffered items can never be sent (the rest are retried). */
export type ClassifyFailure = (error: unknown, batch: PendingExposure[]) => PendingExposure[] | 'retry';

/**
 * A bounded FIFO between the request path (offer: O(1), never waits) and Kafka (flush:
 * batches, one at a time, in order). When full, offer refuses: callers count the drop.
 */
export class ExposureBuffer {
  private items: PendingExposure[] = [];
  private head = 0;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly options: ExposureBufferOptions,
    private readonly send: SendBatch,
    private readonly classify: ClassifyFailure,
    private readonly events: ExposureBufferEvents,
  ) {}

  get size(): number {
    return this.items.length - this.head;
  }

  get full(): boolean {
    return this.size >= this.options.maxSize;
  }

  /** False when the buffer is full (the exposure is not kept). */
  offer(item: PendingExposure): boolean {
    if (this.full) return false;
    this.items.push(item);
    return true;
  }

  /** Sends everything buffered; concurrent calls share one flush. Never rejects. */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async drain(): Promise<void> {
    while (this.size > 0) {
      const batch = this.items.slice(this.head, this.head + this.options.batchSize);
      try {
        await this.send(batch);
        this.events.published(batch.length);
        this.consume(batch.length);
      } catch (error) {
        const outcome = this.classify(error, batch);
        if (outcome === 'retry') {
          this.events.sendFailed(error, this.size);
          return;
        }
        this.events.rejected(outcome, error);
        const unsendable = new Set(outcome);
        const rest = batch.filter((item) => !unsendable.has(item));
        this.consume(batch.length);
        // Put the sendable rest back in front, in order, for the next iteration.
        this.items = [...rest, ...this.items.slice(this.head)];
        this.head = 0;
      }
    }
  }

  private consume(count: number): void {
    this.head += count;
    // Compact now and then instead of shifting the array on every batch.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
