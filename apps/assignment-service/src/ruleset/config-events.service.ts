import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type ConfigEventData } from '@xp/contracts';
import { ensureRegistryTopics, followTopic, type TopicFollower } from '@xp/kafka';
import { BackgroundStarter, type ReadinessCheck } from '@xp/platform';
import type { Kafka } from 'kafkajs';
import { KAFKA } from '../connections/tokens';
import { AssignmentMetrics } from '../metrics/assignment-metrics';
import { ASSIGNMENT_OPTIONS, type AssignmentOptions } from '../options/assignment-options';
import { ConfigState } from './config-state';
import { RulesetStore } from './ruleset-store';

/**
 * Keeps the served ruleset following the config events topic: replayed from offset 0 at every start
 * (followTopic), served once caught up, then updated with every event.
 */
@Injectable()
export class ConfigEventsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ConfigEvents');
  private readonly state = new ConfigState();
  private follower: TopicFollower | null = null;
  private readonly starter = new BackgroundStarter('config events follower', () => this.start(), this.logger);

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(ASSIGNMENT_OPTIONS) private readonly options: AssignmentOptions,
    private readonly store: RulesetStore,
    private readonly metrics: AssignmentMetrics,
  ) {}

  onApplicationBootstrap(): void {
    // In the background: the HTTP server answers (readiness 503) while Kafka is unreachable.
    void this.starter.begin();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.starter.stop();
    await this.follower?.stop();
  }

  /**
   * Resolves true once every config event on the topic now has been applied to the served ruleset,
   * false if that takes longer than `timeoutMs` or the topic's end cannot be read. Lets a caller tell
   * "this experiment does not exist" from "this replica has not applied its creation yet".
   */
  async catchUp(timeoutMs: number): Promise<boolean> {
    if (!this.store.isReady() || !this.follower) return false;
    return this.follower.reachEnd(timeoutMs);
  }

  /** The `ruleset` readiness check: starting until the replay has caught up, saying how far it is. */
  readiness(): ReadinessCheck {
    return this.starter.readiness('ruleset', () => (this.store.isReady() ? null : (this.follower?.progress() ?? 'replaying')));
  }

  private async start(): Promise<void> {
    if (this.options.ensureTopics) await ensureRegistryTopics(this.kafka, this.options.topics);
    const follower = await followTopic({
      kafka: this.kafka,
      topic: this.options.topics.configEvents,
      messageType: 'config.event',
      groupPrefix: 'assignment-replay',
      handler: async (records) => this.applyBatch(records.map((r) => r.envelope.data)),
      onCaughtUp: () => this.becomeReady(),
      logger: {
        warn: (context, message) => this.logger.warn(context, message),
        error: (context, message) => this.logger.error(context, message),
      },
    });
    if (this.starter.stopped) return follower.stop();
    this.follower = follower;
  }

  private async applyBatch(events: ConfigEventData[]): Promise<void> {
    let changed = false;
    for (const event of events) {
      const outcome = this.state.apply(event);
      this.metrics.configEvents.inc({ outcome: outcome.kind });
      if (outcome.kind === 'invalid') {
        this.logger.warn({ streamId: event.streamId, version: event.version, reason: outcome.reason }, 'config event state ignored');
      }
      if (outcome.kind !== 'repeat') changed = true;
    }
    if (!changed) return;
    try {
      this.store.publish(this.state.toRulesets());
    } catch (err) {
      // Retrying the batch would fail the same way; keep serving the previous ruleset.
      this.logger.error({ err, version: this.state.position }, 'ruleset failed to compile; previous one kept');
    }
  }

  private becomeReady(): void {
    if (this.store.isReady()) return;
    this.store.markReady(() => this.state.toRulesets());
    this.logger.log({ version: this.state.position }, 'config events replayed; serving the ruleset');
  }
}
