import type { BackoffOptions } from '@xp/contracts';
import { Clock, systemClock } from './clock';
import { FetchLike } from './http-transport';
import { silentLogger, XpLogger } from './logger';
import { RejectedItemReport } from './sdk-types';

export interface XpClientOptions {
  /** assignment-service, e.g. http://127.0.0.1:3002 */
  baseUrl: string;
  /** A key with the `sdk` role. */
  sdkKey: string;
  /**
   * The environment whose ruleset to follow, for a key not scoped to one (a scoped key always gets its
   * own; naming another is refused with 403). Unset: the key's, else production.
   */
  environment?: string;
  fetch?: FetchLike;
  clock?: Clock;
  logger?: XpLogger;
  random?: () => number;
  /** Follow the server-sent-events stream (default true); false = polling only. */
  stream?: boolean;
  /** Polling period while the stream is down (default 30 s). */
  pollIntervalMs?: number;
  reconnectBackoff?: BackoffOptions;
  streamIdleTimeoutMs?: number;
  /** Log exposures of units in running experiments (default true). */
  logExposures?: boolean;
  exposureDedup?: { maxSize: number; ttlMs: number };
  flushIntervalMs?: number;
  maxBatchSize?: number;
  maxBufferSize?: number;
  maxAttempts?: number;
  retryBackoff?: BackoffOptions;
  /**
   * Called for each event or exposure that will never be stored, with the reasons: listed as rejected in a
   * 207 (or a 400 \`no_valid_*\`) answer, or failing the contract before it was sent. Also logged (warn) and
   * counted in \`stats().events.rejected\` / \`stats().exposures.rejected\`.
   */
  onRejected?: (report: RejectedItemReport) => void;
}

export type ResolvedClientOptions = Required<Omit<XpClientOptions, 'fetch' | 'environment'>> & Pick<XpClientOptions, 'fetch' | 'environment'>;

export function resolveClientOptions(options: XpClientOptions): ResolvedClientOptions {
  return {
    stream: true,
    pollIntervalMs: 30_000,
    reconnectBackoff: { initialMs: 500, maxMs: 30_000, jitter: 'full' },
    streamIdleTimeoutMs: 45_000,
    logExposures: true,
    exposureDedup: { maxSize: 100_000, ttlMs: 60 * 60_000 },
    flushIntervalMs: 2_000,
    maxBatchSize: 500,
    maxBufferSize: 10_000,
    maxAttempts: 5,
    retryBackoff: { initialMs: 200, maxMs: 10_000, jitter: 'full' },
    onRejected: () => undefined,
    clock: systemClock,
    logger: silentLogger,
    random: Math.random,
    ...stripUndefined(options),
  };
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
