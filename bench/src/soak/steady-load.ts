import type { Outcome, RequestStats } from './request-stats';

const TICK_MS = 50;

/**
 * Offers `ratePerSecond` calls of `send` (open loop: the schedule does not wait for answers), at most
 * `maxInFlight` at once; a call due while that many are in flight is counted as skipped, not queued, so a
 * slow service shows up as skipped load instead of a growing backlog in the load generator.
 */
export class SteadyLoad {
  private timer?: NodeJS.Timeout;
  private started = 0;
  private offered = 0;
  private inFlight = 0;
  private readonly pending = new Set<Promise<void>>();

  constructor(
    readonly endpoint: string,
    private readonly ratePerSecond: number,
    private readonly maxInFlight: number,
    private readonly stats: RequestStats,
    private readonly send: () => Promise<Outcome>,
  ) {}

  start(): void {
    this.started = performance.now();
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  /** Stops offering and waits for the calls in flight. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all(this.pending);
  }

  private tick(): void {
    const due = Math.floor(((performance.now() - this.started) / 1000) * this.ratePerSecond) - this.offered;
    for (let i = 0; i < due; i++) {
      this.offered++;
      if (this.inFlight >= this.maxInFlight) {
        this.stats.skipped(this.endpoint);
        continue;
      }
      this.fire();
    }
  }

  private fire(): void {
    this.inFlight++;
    const began = performance.now();
    const call = this.send().then(
      (outcome) => this.stats.record(this.endpoint, String(outcome.status), performance.now() - began, outcome.detail),
      (error: Error) => this.stats.record(this.endpoint, 'error', performance.now() - began, error.message),
    );
    const done = call.finally(() => {
      this.inFlight--;
      this.pending.delete(done);
    });
    this.pending.add(done);
  }
}
