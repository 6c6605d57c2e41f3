import type { OutgoingRecord } from '@xp/kafka';
import type { FlagUsageRecorder, UsageWindow } from './flag-usage-recorder';
import { usageRecords } from './flag-usage-message';

/** A window waiting to be sent, with the records built for it once (so a resend carries the same ids). */
interface PendingWindow {
  window: UsageWindow;
  records: OutgoingRecord<'flag.usage'>[];
}

export type FlushOutcome = 'flushed' | 'failed' | 'merged';

export interface FlushCounters {
  /** Windows per outcome: sent, kept after a failed send, merged into the next window (over the bound). */
  windows(outcome: FlushOutcome, n: number): void;
  /** Evaluations of new (flag, environment) keys the recorder had no room for. */
  dropped(n: number): void;
  failed(error: unknown, pending: number): void;
}

/**
 * Takes the recorder's window and sends it with every window still pending, in one produce (acks=all).
 * A failed send keeps the windows as they were, ids included, so a send that did reach Kafka and is sent
 * again counts once downstream. At most `maxPendingWindows` are kept: beyond that the oldest is merged back
 * into the recorder (its counts and latest times join the next window, under a new id; only if that old
 * send had in fact been stored would its counts then be counted twice; the last-evaluated times never are
 * wrong). Flushes never overlap.
 */
export class FlagUsageFlusher {
  private pending: PendingWindow[] = [];
  private running: Promise<void> | undefined;

  constructor(
    private readonly recorder: FlagUsageRecorder,
    private readonly source: string,
    private readonly send: (records: OutgoingRecord<'flag.usage'>[]) => Promise<void>,
    private readonly maxPendingWindows: number,
    private readonly counters: FlushCounters,
  ) {}

  get pendingWindows(): number {
    return this.pending.length;
  }

  flush(): Promise<void> {
    this.running ??= this.flushOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async flushOnce(): Promise<void> {
    const dropped = this.recorder.takeDropped();
    if (dropped > 0) this.counters.dropped(dropped);
    // Only a new window can go over the bound: resending what is kept merges nothing.
    while (this.recorder.size > 0 && this.pending.length >= this.maxPendingWindows && this.pending.length > 0) {
      const oldest = this.pending.shift() as PendingWindow;
      this.recorder.merge(oldest.window);
      this.counters.windows('merged', 1);
    }
    const window = this.recorder.take();
    if (window) this.pending.push({ window, records: usageRecords(this.source, window) });
    if (this.pending.length === 0) return;
    const sending = this.pending;
    try {
      await this.send(sending.flatMap((p) => p.records));
      this.pending = this.pending.filter((p) => !sending.includes(p));
      this.counters.windows('flushed', sending.length);
    } catch (error) {
      this.counters.windows('failed', sending.length);
      this.counters.failed(error, this.pending.length);
    }
  }
}
