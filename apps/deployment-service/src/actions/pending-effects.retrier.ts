import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DEPLOYMENT_OPTIONS, type DeploymentOptions } from '../deployment-options';
import { ActionRunner } from './action-runner';

/**
 * Applies recorded decisions' config-service effects in the background, so that recording a decision
 * never waits for config-service: `kick()` after a commit, and a timer that retries whatever is still
 * pending (a drain that failed because PostgreSQL went away, actions left by a crash). ActionRunner
 * itself retries each command until config-service accepts it; each effect carries its decision id,
 * which config-service applies once.
 */
@Injectable()
export class PendingEffectsRetrier implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PendingEffectsRetrier.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    @Inject(ActionRunner) private readonly runner: ActionRunner,
    @Inject(DEPLOYMENT_OPTIONS) private readonly options: DeploymentOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), this.options.pendingRetryMs);
    this.timer.unref();
    this.kick();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  /** Starts a drain unless one runs; one that runs is followed by another (it may have looked before the latest commit). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.again = false;
    this.running = this.runner
      .drain()
      .catch((err: unknown) => {
        if (!this.stopped) this.logger.warn({ err }, 'pending config-service effects not applied yet; retrying later');
      })
      .finally(() => {
        this.running = undefined;
        if (this.again) this.kick();
      });
  }
}
