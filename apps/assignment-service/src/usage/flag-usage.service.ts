import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { METRICS_REGISTRY, type MetricsRegistry } from '@xp/platform';
import { KafkaPublisher } from '../kafka/kafka-publisher';
import { ASSIGNMENT_OPTIONS, type AssignmentOptions } from '../options/assignment-options';
import { FlagUsageFlusher } from './flag-usage-flusher';
import { instanceSource } from './flag-usage-message';
import { FlagUsageMetrics } from './flag-usage-metrics';
import { FlagUsageRecorder } from './flag-usage-recorder';

const LOG_EVERY_MS = 10_000;

/**
 * Per-flag usage of this instance (evaluations through /v1/evaluate and SDK exposures), published to
 * `xp.flag-usage` every `flagUsage.flushIntervalMs` (FLAG_USAGE_FLUSH_MS) and at shutdown, off the
 * request path: `record` only counts in memory.
 */
@Injectable()
export class FlagUsageService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('FlagUsage');
  private readonly recorder: FlagUsageRecorder;
  private readonly flusher: FlagUsageFlusher;
  private timer: NodeJS.Timeout | undefined;
  private lastFailureLog = 0;

  constructor(
    @Inject(ASSIGNMENT_OPTIONS) private readonly options: AssignmentOptions,
    kafka: KafkaPublisher,
    @Inject(METRICS_REGISTRY) registry: MetricsRegistry,
  ) {
    const metrics = new FlagUsageMetrics(registry);
    const { flagUsage, topics } = options;
    this.recorder = new FlagUsageRecorder(flagUsage.maxKeys);
    this.flusher = new FlagUsageFlusher(this.recorder, instanceSource(), (records) => kafka.sendInBackground(topics.flagUsage, 'flag.usage', records), flagUsage.maxPendingWindows, {
      windows: (outcome, n) => metrics.windows.inc({ outcome }, n),
      dropped: (n) => metrics.dropped.inc(n),
      failed: (error, pending) => {
        if (Date.now() - this.lastFailureLog < LOG_EVERY_MS) return;
        this.lastFailureLog = Date.now();
        this.logger.warn({ err: error, pendingWindows: pending }, 'flag usage publish failed; kept for the next flush');
      },
    });
  }

  /** `n` evaluations of `flagKey` in `environment`, at `atMs` (default now): an SDK's exposure. */
  record(flagKey: string, environment: string, n = 1, atMs?: number): void {
    this.recorder.record(flagKey, environment, n, atMs);
  }

  /** The evaluate hot path: one evaluation of each result's flag in `environment`, now (unknown flags skipped). */
  recordResults(results: readonly { readonly flagKey: string; readonly errorCode?: string }[], environment: string): void {
    this.recorder.recordResults(results, environment);
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flusher.flush(), this.options.flagUsage.flushIntervalMs);
    this.timer.unref();
  }

  /** Sends what is counted now (tests; the timer does it otherwise). */
  flush(): Promise<void> {
    return this.flusher.flush();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    let timeout: NodeJS.Timeout | undefined;
    // A flush already running is awaited first, then the last window goes out.
    await Promise.race([
      this.flusher.flush().then(() => this.flusher.flush()),
      new Promise((resolve) => (timeout = setTimeout(resolve, this.options.exposures.shutdownFlushTimeoutMs))),
    ]);
    clearTimeout(timeout);
    if (this.flusher.pendingWindows > 0 || this.recorder.size > 0) {
      this.logger.error({ pendingWindows: this.flusher.pendingWindows }, 'flag usage still unsent at shutdown; lost');
    }
  }
}
