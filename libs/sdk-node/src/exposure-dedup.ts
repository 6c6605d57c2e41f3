export interface ExposureDedupOptions {
  /** Keys remembered at most; the one logged longest ago is forgotten first. */
  maxSize: number;
  /** A key seen longer ago than this is logged again. */
  ttlMs: number;
}

/** Bounded LRU+TTL memory of (experiment, unit, variant) already logged by this process. */
export class ExposureDedup {
  private readonly seen = new Map<string, number>();

  constructor(private readonly options: ExposureDedupOptions) {}

  /** True the first time a key is seen within the window (the caller should log it). */
  firstSeen(experimentKey: string, unitId: string, variant: string, now: number): boolean {
    const key = `${experimentKey}\u0000${unitId}\u0000${variant}`;
    const at = this.seen.get(key);
    if (at !== undefined && now - at < this.options.ttlMs) return false;
    this.seen.delete(key);
    this.seen.set(key, now);
    if (this.seen.size > this.options.maxSize) this.seen.delete(this.seen.keys().next().value as string);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }
}
