import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ensureRegistryTopics, runBatchConsumer, type BatchConsumerHandle } from '@xp/kafka';
import { BackgroundStarter, type ReadinessCheck } from '@xp/platform';
import type { Kafka } from 'kafkajs';
import { PendingEffectsRetrier } from '../actions/pending-effects.retrier';
import { KAFKA } from '../connections/tokens';
import { DEPLOYMENT_OPTIONS, type DeploymentOptions } from '../deployment-options';
import { DecisionApplierService } from './decision-applier.service';

/**
 * Consumes xp.decisions one record at a time (per-experiment order comes from the topic key).
 * The offset is committed by runBatchConsumer only after the handler returned, i.e. after the
 * decision, its new rollout state and its pending config-service effects were committed to
 * PostgreSQL: a crash before that redelivers it, and processed_decisions turns the redelivery into
 * a no-op. The effects are applied by PendingEffectsRetrier, so decisions are recorded while
 * config-service is down.
 *
 * Started in the background: the HTTP API (operators included) answers while Kafka is down or while
 * the consumer rejoins its group after a crash (which waits out the dead member's session).
 */
@Injectable()
export class DecisionConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DecisionConsumer.name);
  private handle?: BatchConsumerHandle;
  private readonly starter = new BackgroundStarter('decision consumer', () => this.start(), this.logger);

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(DEPLOYMENT_OPTIONS) private readonly options: DeploymentOptions,
    @Inject(DecisionApplierService) private readonly applier: DecisionApplierService,
    @Inject(PendingEffectsRetrier) private readonly effects: PendingEffectsRetrier,
  ) {}

  onApplicationBootstrap(): void {
    void this.starter.begin();
  }

  /** Starting until the consumer has started and has its partitions. */
  readiness(): ReadinessCheck {
    return this.starter.readiness('decision consumer', () =>
      this.handle?.assigned ? null : `joining the consumer group ${this.options.groupId} of ${this.options.decisionsTopic}`,
    );
  }

  private async start(): Promise<void> {
    await ensureRegistryTopics(this.kafka, { decisions: this.options.decisionsTopic, deployments: this.options.deploymentsTopic });
    const handle = await runBatchConsumer({
      kafka: this.kafka,
      groupId: this.options.groupId,
      topic: this.options.decisionsTopic,
      messageType: 'rollout.decision',
      fromBeginning: true,
      backoff: this.options.commandBackoff,
      sessionTimeoutMs: this.options.consumerSessionTimeoutMs,
      heartbeatIntervalMs: this.options.consumerHeartbeatIntervalMs,
      logger: { warn: (ctx, msg) => this.logger.warn(ctx, msg), error: (ctx, msg) => this.logger.error(ctx, msg) },
      handler: async (records) => {
        for (const record of records) {
          const decision = record.envelope.data;
          const fresh = await this.applier.record(decision);
          if (!fresh) this.logger.log({ decisionId: decision.decisionId }, 'decision seen before; nothing to do');
          this.effects.kick();
        }
      },
    });
    if (this.starter.stopped) return handle.stop();
    this.handle = handle;
    this.logger.log({ groupId: this.options.groupId, topic: this.options.decisionsTopic }, 'consuming decisions');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.starter.stop();
    await this.handle?.stop();
  }
}
