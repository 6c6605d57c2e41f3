/** The dedup key of an exposure: one per (experiment, unit, variant). */
export function exposureDedupKey(experimentKey: string, unitId: string, variant: string): string {
  return `${experimentKey}\u0000${unitId}\u0000${variant}`;
}

/**
 * Remembers recently seen keys for `ttlMs`, at most `maxEntries` of them (least recently seen evicted
 * first; a hit refreshes recency), so memory stays bounded however many units are evaluated. Used to log
 * an exposure once per window, by assignment-service and by the SDKs.
 */
export class DedupWindow {
  // Map iteration order is insertion order: re-inserting on a hit makes the first key the least recent.
  private readonly seenUntil = new Map<string, number>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.seenUntil.size;
  }

  /** True when `key` is new or expired (and records it); false when it was seen within the window. */
  firstSeen(key: string): boolean {
    const now = this.now();
    const until = this.seenUntil.get(key);
    if (until !== undefined && until > now) {
      this.seenUntil.delete(key);
      this.seenUntil.set(key, until);
      return false;
    }
    if (until !== undefined) this.seenUntil.delete(key);
    this.seenUntil.set(key, now + this.ttlMs);
    if (this.seenUntil.size > this.maxEntries) {
      const oldest = this.seenUntil.keys().next().value as string;
      this.seenUntil.delete(oldest);
    }
    return true;
  }

  /** Forgets a key, e.g. when its exposure could not be kept, so the next one is logged. */
  forget(key: string): void {
    this.seenUntil.delete(key);
  }
}
