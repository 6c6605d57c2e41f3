import { topics } from '@xp/contracts';

/** Channel the append side (trigger or `pg_notify`) signals after committing events. */
export const RELAY_NOTIFY_CHANNEL = 'xp_config_events';

/** Session advisory lock held by the one active relay (arbitrary constant, "xp relay" in ASCII). */
export const RELAY_LOCK_KEY = 0x7870_7265;

export interface RelaySettings {
  /** Topic to publish to; tests use a unique one. */
  topic: string;
  /** Row of `relay_checkpoint` that records the last published position. */
  checkpointName: string;
  /** Polling fallback when no notification arrives. */
  pollIntervalMs: number;
  /** How often a standby instance tries to take over the lock. */
  lockRetryMs: number;
  batchSize: number;
  /** How long to wait for in-flight appends when a hole in positions must be resolved. */
  barrierTimeoutMs: number;
}

export const defaultRelaySettings: RelaySettings = {
  topic: topics.configEvents.name,
  checkpointName: topics.configEvents.name,
  pollIntervalMs: 500,
  lockRetryMs: 2_000,
  // Config payloads carry whole entities; 100 of them stay well under Kafka's 1 MB batch limit.
  batchSize: 100,
  barrierTimeoutMs: 5_000,
};
