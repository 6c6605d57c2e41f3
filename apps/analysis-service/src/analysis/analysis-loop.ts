import type { AnalysisLogger, AnalysisRunner } from './analysis-runner';

/**
 * Runs the analysis every `intervalMs`, never two passes at once, and only once `ready()` says
 * the experiment catalogue has caught up (deciding on replayed, stale states could act on an old stage).
 */
export class AnalysisLoop {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly runner: AnalysisRunner,
    private readonly options: { intervalMs: number; ready: () => boolean; logger: AnalysisLogger; now?: () => Date },
  ) {}

  start(): void {
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      // While the catalogue catches up, look again soon rather than a whole interval later.
      this.running = this.tick().then((ran) => this.schedule(ran ? this.options.intervalMs : Math.min(this.options.intervalMs, 500)));
    }, delayMs);
  }

  private async tick(): Promise<boolean> {
    if (!this.options.ready()) return false;
    try {
      await this.runner.runOnce(this.options.now?.() ?? new Date());
    } catch (err) {
      this.options.logger.error({ err }, 'analysis pass failed');
    }
    return true;
  }
}
