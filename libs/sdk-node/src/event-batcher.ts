import { backoffDelay, type BackoffOptions } from '@xp/contracts';
import { Clock, sleep, TimerHandle } from './clock';
import { XpLogger } from './logger';
import { isRetriable } from './sdk-error';

export interface EventBatcherOptions<T> {
  /** What is being sent, for logs ("exposures", "events"). */
  name: string;
  /** Sends one batch; resolves with how many of its items the service refused for good (or nothing: none). */
  send: (batch: T[]) => Promise<{ rejected: number } | void>;
  clock: Clock;
  logger: XpLogger;
  random?: () => number;
  /** A batch is sent as soon as this many items are buffered, and never holds more. */
  maxBatchSize: number;
  /** Items held at most; beyond it the oldest are dropped (and counted). */
  maxBufferSize: number;
  flushIntervalMs: number;
  /** Attempts per batch, the first included; only retriable failures (5xx, network) are retried. */
  maxAttempts: number;
  retryBackoff: BackoffOptions;
}

export interface BatcherStats {
  buffered: number;
  sent: number;
  /** Dropped because the buffer was full. */
  dropped: number;
  /** Given up after a final (4xx) or repeated retriable failure. */
  failed: number;
  /** Refused one by one (by the service in a 207 / 400 answer, or by the SDK's own check): never stored. */
  rejected: number;
}

/** Bounded buffer flushed by size, by interval and on close; one send in flight at a time. */
export class EventBatcher<T> {
  private buffer: T[] = [];
  private inFlight: Promise<void> | null = null;
  private timer: TimerHandle | null = null;
  private closed = false;
  private readonly abort = new AbortController();
  private readonly counters = { sent: 0, dropped: 0, failed: 0, rejected: 0 };

  constructor(private readonly options: EventBatcherOptions<T>) {
    this.schedule();
  }

  add(item: T): void {
    if (this.closed) {
      this.counters.dropped++;
      return;
    }
    if (this.buffer.length >= this.options.maxBufferSize) {
      this.buffer.shift();
      this.counters.dropped++;
    }
    this.buffer.push(item);
    if (this.buffer.length >= this.options.maxBatchSize && !this.inFlight) void this.flush();
  }

  /** Sends everything buffered (in batches); resolves when the buffer is empty or the rest failed. */
  flush(): Promise<void> {
    if (!this.inFlight) {
      this.inFlight = this.drain().finally(() => {
        this.inFlight = null;
      });
    }
    return this.inFlight;
  }

  async close(): Promise<void> {
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
    this.closed = true;
    // Whatever arrived during the final flush is still sent once.
    if (this.buffer.length > 0) await this.flush();
    this.abort.abort();
  }

  /** Counts items refused before they reached the buffer (they failed the contract in the SDK). */
  countRejected(count: number): void {
    this.counters.rejected += count;
  }

  stats(): BatcherStats {
    return { buffered: this.buffer.length, ...this.counters };
  }

  private schedule(): void {
    if (this.closed) return;
    this.timer = this.options.clock.setTimeout(() => {
      void this.flush().finally(() => this.schedule());
    }, this.options.flushIntervalMs);
  }

  private async drain(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, this.options.maxBatchSize);
      await this.sendWithRetries(batch);
    }
  }

  private async sendWithRetries(batch: T[]): Promise<void> {
    const { maxAttempts, retryBackoff, clock, logger, name } = this.options;
    for (let attempt = 0; ; attempt++) {
      try {
        const rejected = (await this.options.send(batch))?.rejected ?? 0;
        this.counters.sent += batch.length - rejected;
        this.counters.rejected += rejected;
        return;
      } catch (error) {
        const retriable = isRetriable(error);
        if (!retriable || attempt + 1 >= maxAttempts || this.abort.signal.aborted) {
          this.counters.failed += batch.length;
          logger.error(`dropping ${batch.length} ${name}`, { error: (error as Error).message, retriable, attempts: attempt + 1 });
          return;
        }
        const delay = backoffDelay(attempt + 1, retryBackoff, this.options.random);
        logger.warn(`sending ${name} failed, retrying`, { error: (error as Error).message, attempt: attempt + 1, delayMs: delay });
        await sleep(clock, delay);
      }
    }
  }
}
