export interface StartLogger {
  warn(context: Record<string, unknown>): void;
}

/** 2 s, 4 s, 8 s, ... capped at 30 s. */
export const defaultStartDelay = (attempt: number): number => Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));

/**
 * Runs `start` in the background until it succeeds, waiting longer after each failure, so a service keeps
 * serving (and its readiness says what is down) while an engine it needs is unreachable. `stop()` ends the
 * retries at once, also during a wait, and resolves after an attempt in progress has finished; `start`
 * should check `stopped` after its awaits and undo what it set up when it is true.
 */
export class BackgroundStarter {
  private running?: Promise<void>;
  private halted = false;
  private wake: () => void = () => undefined;

  constructor(
    private readonly what: string,
    private readonly start: () => Promise<void>,
    private readonly logger: StartLogger,
    private readonly delayMs: (attempt: number) => number = defaultStartDelay,
  ) {}

  get stopped(): boolean {
    return this.halted;
  }

  /** Starts the attempts (once); resolves when `start` has succeeded or the starter was stopped. */
  begin(): Promise<void> {
    this.running ??= this.attempts();
    return this.running;
  }

  async stop(): Promise<void> {
    this.halted = true;
    this.wake();
    await this.running;
  }

  private async attempts(): Promise<void> {
    for (let attempt = 1; !this.halted; attempt++) {
      try {
        await this.start();
        return;
      } catch (err) {
        if (this.halted) return;
        const delay = this.delayMs(attempt);
        this.logger.warn({ err, attempt, delay, msg: `${this.what} could not start; retrying` });
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, delay).unref();
        });
      }
    }
  }
}
