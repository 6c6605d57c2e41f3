/**
 * Decides when a replay has caught up: every partition consumed up to the high watermark
 * it had at start-up (later events are "following", not "replaying").
 */
export class CatchUpTracker {
  private readonly remaining = new Map<number, bigint>();

  /** `highWatermarks`: partition -> offset of the next record at start-up. */
  constructor(highWatermarks: ReadonlyArray<{ partition: number; high: string }>) {
    for (const { partition, high } of highWatermarks) {
      if (BigInt(high) > 0n) this.remaining.set(partition, BigInt(high));
    }
  }

  get caughtUp(): boolean {
    return this.remaining.size === 0;
  }

  /** Records that `partition` was consumed through `lastOffset`; returns caughtUp. */
  consumed(partition: number, lastOffset: string): boolean {
    const target = this.remaining.get(partition);
    if (target !== undefined && BigInt(lastOffset) + 1n >= target) this.remaining.delete(partition);
    return this.caughtUp;
  }

  describe(): string {
    return [...this.remaining].map(([p, high]) => `partition ${p} until offset ${high}`).join(', ');
  }
}
