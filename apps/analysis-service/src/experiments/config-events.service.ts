import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { ANALYSIS_SETTINGS, type AnalysisSettings } from '../analysis/analysis-settings';
import { KAFKA } from '../connections/tokens';
import { ExperimentCatalogue } from './experiment-catalogue';
import { followConfigEvents, type ConfigEventsFollower } from './follow-config-events';

/** Keeps the experiment catalogue following the config events topic for the service's lifetime. */
@Injectable()
export class ConfigEventsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ConfigEvents');
  private follower?: ConfigEventsFollower;
  private stopped = false;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(ANALYSIS_SETTINGS) private readonly settings: AnalysisSettings,
    private readonly catalogue: ExperimentCatalogue,
  ) {}

  caughtUp(): boolean {
    return this.follower?.caughtUp() ?? false;
  }

  /** In the background, retried: the service serves (and reports not ready) while Kafka is down. */
  onApplicationBootstrap(): void {
    void this.startWithRetry();
  }

  private async startWithRetry(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        const follower = await followConfigEvents({
          kafka: this.kafka,
          topic: this.settings.configEventsTopic,
          catalogue: this.catalogue,
          logger: {
            warn: (context, message) => this.logger.warn({ ...context, msg: message }),
            error: (context, message) => this.logger.error({ ...context, msg: message }),
          },
        });
        if (this.stopped) return follower.stop();
        this.follower = follower;
        return;
      } catch (err) {
        const delay = Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));
        this.logger.warn({ err, attempt, delay, msg: 'config events follower could not start; retrying' });
        await new Promise((resolve) => setTimeout(resolve, delay).unref());
      }
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.follower?.stop();
  }
}
