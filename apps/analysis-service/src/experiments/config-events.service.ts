import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { followTopic, type TopicFollower } from '@xp/kafka';
import { BackgroundStarter, type ReadinessCheck } from '@xp/platform';
import type { Kafka } from 'kafkajs';
import { ANALYSIS_SETTINGS, type AnalysisSettings } from '../analysis/analysis-settings';
import { KAFKA } from '../connections/tokens';
import { applyConfigEvents } from './apply-config-events';
import { ExperimentCatalogue } from './experiment-catalogue';

/** Keeps the experiment catalogue following the config events topic (replayed from offset 0 at every start). */
@Injectable()
export class ConfigEventsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ConfigEvents');
  private follower?: TopicFollower;
  private readonly starter = new BackgroundStarter('config events follower', () => this.start(), this.logger);

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(ANALYSIS_SETTINGS) private readonly settings: AnalysisSettings,
    private readonly catalogue: ExperimentCatalogue,
  ) {}

  caughtUp(): boolean {
    return this.follower?.caughtUp ?? false;
  }

  /** Starting until the replay has caught up (before that, experiment states may be stale). */
  readiness(): ReadinessCheck {
    return this.starter.readiness('config events', () => this.follower?.progress() ?? null);
  }

  /** In the background, retried: the service serves (and reports not ready) while Kafka is down. */
  onApplicationBootstrap(): void {
    void this.starter.begin();
  }

  private async start(): Promise<void> {
    const logger = {
      warn: (context: Record<string, unknown>, message: string) => this.logger.warn({ ...context, msg: message }),
      error: (context: Record<string, unknown>, message: string) => this.logger.error({ ...context, msg: message }),
    };
    const follower = await followTopic({
      kafka: this.kafka,
      topic: this.settings.configEventsTopic,
      messageType: 'config.event',
      groupPrefix: 'analysis-catalogue',
      handler: applyConfigEvents(this.catalogue, logger),
      logger,
    });
    if (this.starter.stopped) return follower.stop();
    this.follower = follower;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.starter.stop();
    await this.follower?.stop();
  }
}
