import { topics } from '@xp/contracts';
import { DEFAULT_INGEST_TIME_WINDOW, type IngestTimeWindow } from '../ingest/time-window';

/** Topic names the service reads and writes; injectable so tests use their own topics. */
export interface AssignmentTopics {
  configEvents: string;
  exposures: string;
  events: string;
  flagUsage: string;
}

export interface ExposureOptions {
  /** Dedup window: at most this many (experiment, unit, variant) keys remembered... */
  dedupMaxEntries: number;
  /** ...each for this long; after it the same exposure is published again. */
  dedupTtlMs: number;
  /** Exposures waiting for Kafka; beyond this new ones are dropped (and counted). */
  bufferMaxSize: number;
  /** Records per producer send. */
  flushBatchSize: number;
  flushIntervalMs: number;
  /** How long shutdown waits for the last flush. */
  shutdownFlushTimeoutMs: number;
}

export interface FlagUsageOptions {
  /** How often the per-flag counts are published (FLAG_USAGE_FLUSH_MS). */
  flushIntervalMs: number;
  /** (flag, environment) keys counted per window; evaluations of new keys beyond it are dropped (and counted). */
  maxKeys: number;
  /** Windows whose send failed, kept to resend as they were; beyond it the oldest is merged into the next window. */
  maxPendingWindows: number;
}

export interface AssignmentOptions {
  topics: AssignmentTopics;
  exposures: ExposureOptions;
  flagUsage: FlagUsageOptions;
  /** Times of posted events and exposures outside it are refused per item (INGEST_MAX_AGE_MS, INGEST_MAX_FUTURE_MS). */
  ingestWindow: IngestTimeWindow;
  /** How long POST /v1/exposures waits for the ruleset to catch up with the config topic before refusing an unknown experiment. */
  exposureCatchUpTimeoutMs: number;
  /** Interval of `: keep-alive` comments on the ruleset stream. */
  sseKeepAliveMs: number;
  /** Create missing topics (and their DLQs) at start-up. */
  ensureTopics: boolean;
  /** How long a request waits for Kafka's acknowledgement before answering 503 (KAFKA_PRODUCE_TIMEOUT_MS). */
  produceTimeoutMs: number;
}

export interface AssignmentOverrides {
  topics?: Partial<AssignmentTopics>;
  exposures?: Partial<ExposureOptions>;
  flagUsage?: Partial<FlagUsageOptions>;
  ingestWindow?: Partial<IngestTimeWindow>;
  exposureCatchUpTimeoutMs?: number;
  sseKeepAliveMs?: number;
  ensureTopics?: boolean;
  produceTimeoutMs?: number;
}

export const DEFAULT_ASSIGNMENT_OPTIONS: AssignmentOptions = {
  topics: { configEvents: topics.configEvents.name, exposures: topics.exposures.name, events: topics.events.name, flagUsage: topics.flagUsage.name },
  exposures: {
    dedupMaxEntries: 100_000,
    dedupTtlMs: 60 * 60 * 1000,
    bufferMaxSize: 50_000,
    flushBatchSize: 500,
    flushIntervalMs: 200,
    shutdownFlushTimeoutMs: 5000,
  },
  flagUsage: { flushIntervalMs: 60_000, maxKeys: 100_000, maxPendingWindows: 60 },
  ingestWindow: DEFAULT_INGEST_TIME_WINDOW,
  exposureCatchUpTimeoutMs: 2000,
  sseKeepAliveMs: 15_000,
  ensureTopics: true,
  produceTimeoutMs: 3000,
};

export function resolveAssignmentOptions(overrides: AssignmentOverrides = {}): AssignmentOptions {
  const d = DEFAULT_ASSIGNMENT_OPTIONS;
  return {
    topics: { ...d.topics, ...overrides.topics },
    exposures: { ...d.exposures, ...overrides.exposures },
    flagUsage: { ...d.flagUsage, ...overrides.flagUsage },
    ingestWindow: { ...d.ingestWindow, ...overrides.ingestWindow },
    exposureCatchUpTimeoutMs: overrides.exposureCatchUpTimeoutMs ?? d.exposureCatchUpTimeoutMs,
    sseKeepAliveMs: overrides.sseKeepAliveMs ?? d.sseKeepAliveMs,
    ensureTopics: overrides.ensureTopics ?? d.ensureTopics,
    produceTimeoutMs: overrides.produceTimeoutMs ?? d.produceTimeoutMs,
  };
}

/** Injection token of the resolved AssignmentOptions. */
export const ASSIGNMENT_OPTIONS = Symbol('ASSIGNMENT_OPTIONS');
