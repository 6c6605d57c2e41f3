import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InvalidEnvelopeError } from '@xp/kafka';
import { KafkaPublisher } from '../kafka/kafka-publisher';
import { AssignmentMetrics } from '../metrics/assignment-metrics';
import { ASSIGNMENT_OPTIONS, type AssignmentOptions } from '../options/assignment-options';
import { ExposureBuffer } from './exposure-buffer';
import { exposureRecord, type PendingExposure } from './pending-exposure';

const LOG_EVERY_MS = 10_000;

/**
 * Publishes exposures off the request path: requests only enqueue; a timer (or a full batch)
 * flushes to Kafka. If Kafka is down the buffer fills up to its bound, then new exposures are
 * dropped, counted in assignment_exposures_dropped_total and logged at most every 10 s.
 */
@Injectable()
export class ExposurePublisher implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('ExposurePublisher');
  private readonly buffer: ExposureBuffer;
  private timer: NodeJS.Timeout | undefined;
  private droppedSinceLog = 0;
  private lastDropLog = 0;
  private lastFailureLog = 0;

  constructor(
    @Inject(ASSIGNMENT_OPTIONS) private readonly options: AssignmentOptions,
    private readonly kafka: KafkaPublisher,
    private readonly metrics: AssignmentMetrics,
  ) {
    const topic = options.topics.exposures;
    this.buffer = new ExposureBuffer(
      { maxSize: options.exposures.bufferMaxSize, batchSize: options.exposures.flushBatchSize },
      (batch) => this.kafka.sendInBackground(topic, 'exposure', batch.map(exposureRecord)),
      (error, batch) => (error instanceof InvalidEnvelopeError ? error.invalid.map((i) => batch[i.index]) : 'retry'),
      {
        published: (n) => this.metrics.exposuresPublished.inc(n),
        rejected: (items, error) => {
          this.metrics.exposuresDropped.inc(items.length);
          this.logger.error({ err: error, count: items.length }, 'exposures rejected by their contract; dropped');
        },
        sendFailed: (error, buffered) => {
          if (Date.now() - this.lastFailureLog < LOG_EVERY_MS) return;
          this.lastFailureLog = Date.now();
          this.logger.warn({ err: error, buffered }, 'exposure publish failed; kept in the buffer for the next flush');
        },
      },
    );
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), this.options.exposures.flushIntervalMs);
    this.timer.unref();
  }

  /** O(1); false when the buffer is full and the exposure was dropped (already counted). */
  offer(pending: PendingExposure): boolean {
    const kept = this.buffer.offer(pending);
    if (!kept) this.countDrop();
    else if (this.buffer.size >= this.options.exposures.flushBatchSize) void this.flush();
    return kept;
  }

  flush(): Promise<void> {
    const done = this.buffer.flush();
    this.metrics.exposureBufferSize.set(this.buffer.size);
    return done.then(() => void this.metrics.exposureBufferSize.set(this.buffer.size));
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([
      this.flush(),
      new Promise((resolve) => (timeout = setTimeout(resolve, this.options.exposures.shutdownFlushTimeoutMs))),
    ]);
    clearTimeout(timeout);
    if (this.buffer.size > 0) {
      this.metrics.exposuresDropped.inc(this.buffer.size);
      this.logger.error({ count: this.buffer.size }, 'exposures still unsent at shutdown; dropped');
    }
  }

  private countDrop(): void {
    this.metrics.exposuresDropped.inc();
    this.droppedSinceLog++;
    const now = Date.now();
    if (now - this.lastDropLog < LOG_EVERY_MS) return;
    this.logger.warn(
      { dropped: this.droppedSinceLog, bufferMaxSize: this.options.exposures.bufferMaxSize },
      'exposure buffer full (Kafka slow or down); exposures dropped',
    );
    this.lastDropLog = now;
    this.droppedSinceLog = 0;
  }
}
