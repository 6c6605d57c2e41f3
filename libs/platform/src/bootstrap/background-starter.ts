import { backoffDelay, type BackoffOptions } from '@xp/contracts';
import type { ReadinessCheck } from '../health/readiness-check';
import { PendingPartError } from '../health/pending-part-error';

export interface StartLogger {
  warn(context: Record<string, unknown>): void;
}

/** 2 s, 4 s, 8 s, ... capped at 30 s. */
export const DEFAULT_START_BACKOFF: BackoffOptions = { initialMs: 2000, maxMs: 30_000 };

/**
 * Runs `start` in the background until it succeeds, waiting longer after each failure, so a service keeps
 * serving (and its readiness says what is down) while an engine it needs is unreachable. `stop()` ends the
 * retries at once, also during a wait, and resolves after an attempt in progress has finished; `start`
 * should check `stopped` after its awaits and undo what it set up when it is true.
 * A `start` that only returns when its work ends (the outbox relay's session) is restarted after each failure.
 */
export class BackgroundStarter {
  private running?: Promise<void>;
  private halted = false;
  private done = false;
  private attempt = 0;
  private wake: () => void = () => undefined;

  constructor(
    readonly what: string,
    private readonly start: () => Promise<void>,
    private readonly logger: StartLogger,
    private readonly backoff: BackoffOptions = DEFAULT_START_BACKOFF,
  ) {}

  get stopped(): boolean {
    return this.halted;
  }

  /** True once `start` has succeeded. */
  get started(): boolean {
    return this.done;
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

  /**
   * Readiness of this part: pending (listed by /health/ready) until `start` succeeded, then whatever
   * `afterStart` says is still missing (e.g. "joining the consumer group"), or up when it returns null.
   */
  readiness(name: string = this.what, afterStart: () => string | null = () => null): ReadinessCheck {
    return {
      name,
      check: async () => {
        const missing = this.done ? afterStart() : this.attempt > 1 ? `starting (attempt ${this.attempt})` : 'starting';
        if (missing !== null) throw new PendingPartError(missing);
      },
    };
  }

  private async attempts(): Promise<void> {
    for (this.attempt = 1; !this.halted; this.attempt++) {
      try {
        await this.start();
        this.done = !this.halted;
        return;
      } catch (err) {
        if (this.halted) return;
        const delay = backoffDelay(this.attempt, this.backoff);
        this.logger.warn({ err, attempt: this.attempt, delay, msg: `${this.what} could not start; retrying` });
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, delay).unref();
        });
      }
    }
  }
}
