/**
 * Waits until a consumer has consumed partitions up to given offsets ("read your writes" for a topic):
 * `consumed` records progress, `waitFor` resolves true once every target is reached, false on timeout.
 */
export class OffsetBarrier {
  /** partition -> offset of the next record to consume. */
  private readonly next = new Map<number, bigint>();
  private readonly waiters = new Set<{ targets: ReadonlyMap<number, bigint>; resolve: (reached: boolean) => void }>();

  consumed(partition: number, lastOffset: string): void {
    const next = BigInt(lastOffset) + 1n;
    if (next > (this.next.get(partition) ?? 0n)) this.next.set(partition, next);
    for (const waiter of this.waiters) {
      if (this.reached(waiter.targets)) {
        this.waiters.delete(waiter);
        waiter.resolve(true);
      }
    }
  }

  /** `targets`: partition -> high watermark (offset of the next record written). */
  waitFor(targets: ReadonlyMap<number, bigint>, timeoutMs: number): Promise<boolean> {
    if (this.reached(targets)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        targets,
        resolve: (reached: boolean) => {
          clearTimeout(timer);
          resolve(reached);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Ends every wait (shutdown): nothing more will be consumed. */
  close(): void {
    for (const waiter of this.waiters) waiter.resolve(false);
    this.waiters.clear();
  }

  reached(targets: ReadonlyMap<number, bigint>): boolean {
    return this.remaining(targets).size === 0;
  }

  /** The targets not reached yet: partition -> offset still to reach. */
  remaining(targets: ReadonlyMap<number, bigint>): Map<number, bigint> {
    const left = new Map<number, bigint>();
    for (const [partition, high] of targets) if ((this.next.get(partition) ?? 0n) < high) left.set(partition, high);
    return left;
  }
}
