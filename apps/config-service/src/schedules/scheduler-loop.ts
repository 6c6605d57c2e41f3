import { Logger } from '@nestjs/common';

/**
 * Calls `tick` every `intervalMs`, one pass at a time (the next is timed from the end of the
 * last), until stopped; `stop` waits for a pass in flight. A failed pass is logged and the loop
 * goes on: the next pass reads everything again from the store.
 */
export class SchedulerLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly tick: () => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly logger: Pick<Logger, 'warn'> = new Logger('SchedulerLoop'),
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .then(
          () => undefined,
          (err: unknown) => this.logger.warn(`scheduler pass failed, retrying next tick: ${(err as Error).message}`),
        )
        .finally(() => {
          this.running = undefined;
          this.schedule();
        });
    }, this.intervalMs);
    this.timer.unref();
  }
}
