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
 * Counts evaluations per (flag, environment) in memory between flushes. The hot path is
 * `recordResults`: one clock read and one environment lookup per request, then one Map lookup and
 * two field writes per flag (no key string is built). Memory is bounded by `maxKeys`: a new key
 * beyond it is not counted (`dropped` says how many evaluations were lost that way); keys already
 * tallied keep counting.
 */
export class FlagUsageRecorder {
  /** environment -> flag key -> tally; `order` holds the same tallies in the order they began. */
  private tallies = new Map<string, Map<string, Tally>>();
  private order: Tally[] = [];
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
    this.add(this.environmentTallies(environment), flagKey, environment, n, atMs ?? this.now());
  }

  /** One evaluation of each result's flag, now (one request's results); unknown flags are not counted. */
  recordResults(results: readonly { readonly flagKey: string; readonly errorCode?: string }[], environment: string): void {
    const tallies = this.environmentTallies(environment);
    const at = this.now();
    for (let i = 0; i < results.length; i++) {
      const r = results[i];
      if (r.errorCode !== 'FLAG_NOT_FOUND') this.add(tallies, r.flagKey, environment, 1, at);
    }
  }

  private environmentTallies(environment: string): Map<string, Tally> {
    let tallies = this.tallies.get(environment);
    if (tallies === undefined) {
      tallies = new Map();
      this.tallies.set(environment, tallies);
    }
    return tallies;
  }

  private add(tallies: Map<string, Tally>, flagKey: string, environment: string, n: number, at: number): void {
    const tally = tallies.get(flagKey);
    if (tally) {
      tally.evaluations += n;
      if (at > tally.lastMs) tally.lastMs = at;
      return;
    }
    if (this.order.length >= this.maxKeys) {
      this.droppedEvaluations += n;
      return;
    }
    const created = { flagKey, environment, evaluations: n, lastMs: at };
    tallies.set(flagKey, created);
    this.order.push(created);
  }

  get size(): number {
    return this.order.length;
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
    const { startMs, order } = this;
    this.tallies = new Map();
    this.order = [];
    this.startMs = endMs;
    if (order.length === 0) return undefined;
    const items = order.map((t) => ({
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
