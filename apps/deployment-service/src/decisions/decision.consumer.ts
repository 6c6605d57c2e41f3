import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { topics } from '@xp/contracts';
import { ensureTopics, runBatchConsumer, type BatchConsumerHandle } from '@xp/kafka';
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
 */
@Injectable()
export class DecisionConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DecisionConsumer.name);
  private handle?: BatchConsumerHandle;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(DEPLOYMENT_OPTIONS) private readonly options: DeploymentOptions,
    @Inject(DecisionApplierService) private readonly applier: DecisionApplierService,
    @Inject(PendingEffectsRetrier) private readonly effects: PendingEffectsRetrier,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await ensureTopics(this.kafka, [
      { ...topics.decisions, name: this.options.decisionsTopic },
      { ...topics.deployments, name: this.options.deploymentsTopic },
    ]);
    this.handle = await runBatchConsumer({
      kafka: this.kafka,
      groupId: this.options.groupId,
      topic: this.options.decisionsTopic,
      messageType: 'rollout.decision',
      fromBeginning: true,
      backoff: this.options.commandBackoff,
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
  }

  async onApplicationShutdown(): Promise<void> {
    await this.handle?.stop();
  }
}
