import type { FlagUsageItem } from '@xp/contracts';

/** Evaluations of one flag in one environment since the window began. */
interface Tally {
  flagKey: string;
  environment: string;
  evaluations: number;
  lastMs: number;
}

/** What a window held when it was taken: the items in insertion order, and its bounds. */
export interface UsageWindow {
  startMs: number;
  endMs: number;
  items: FlagUsageItem[];
}

/**
 * Counts evaluations per (flag, environment) in memory between flushes. `record` is one Map lookup and
 * two field writes, cheap enough for the evaluate hot path. Memory is bounded by `maxKeys`: a new key
 * beyond it is not counted (`dropped` says how many evaluations were lost that way); keys already
 * tallied keep counting.
 */
export class FlagUsageRecorder {
  private tallies = new Map<string, Tally>();
  private startMs: number;
  private droppedEvaluations = 0;

  constructor(
    private readonly maxKeys: number,
    private readonly now: () => number = Date.now,
  ) {
    this.startMs = now();
  }

  /** `atMs`: when the evaluations happened (an SDK's exposure time); defaults to now. */
  record(flagKey: string, environment: string, n = 1, atMs?: number): void {
    const key = `${environment}\u0000${flagKey}`;
    const at = atMs ?? this.now();
    const tally = this.tallies.get(key);
    if (tally) {
      tally.evaluations += n;
      if (at > tally.lastMs) tally.lastMs = at;
      return;
    }
    if (this.tallies.size >= this.maxKeys) {
      this.droppedEvaluations += n;
      return;
    }
    this.tallies.set(key, { flagKey, environment, evaluations: n, lastMs: at });
  }

  get size(): number {
    return this.tallies.size;
  }

  /** Evaluations not counted because the map was full, since the last call (for a metric). */
  takeDropped(): number {
    const dropped = this.droppedEvaluations;
    this.droppedEvaluations = 0;
    return dropped;
  }

  /** Ends the current window and starts the next one; undefined when nothing was evaluated. */
  take(): UsageWindow | undefined {
    const endMs = this.now();
    const { startMs, tallies } = this;
    this.tallies = new Map();
    this.startMs = endMs;
    if (tallies.size === 0) return undefined;
    const items = [...tallies.values()].map((t) => ({
      flagKey: t.flagKey,
      environment: t.environment,
      evaluations: t.evaluations,
      lastEvaluatedAt: new Date(t.lastMs).toISOString(),
    }));
    return { startMs, endMs, items };
  }

  /**
   * Puts a window that could not be sent back: its counts are added to the current window's and its
   * latest times kept, and the current window then starts where it started (so the next message
   * covers both). Subject to `maxKeys` like any evaluation.
   */
  merge(window: UsageWindow): void {
    for (const item of window.items) this.record(item.flagKey, item.environment, item.evaluations, Date.parse(item.lastEvaluatedAt));
    if (window.startMs < this.startMs) this.startMs = window.startMs;
  }
}
