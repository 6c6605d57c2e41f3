import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { topics } from '@xp/contracts';
import { ensureTopics, runBatchConsumer, type BatchConsumerHandle } from '@xp/kafka';
import type { Kafka } from 'kafkajs';
import { ActionRunner } from '../actions/action-runner';
import { KAFKA } from '../connections/tokens';
import { DEPLOYMENT_OPTIONS, type DeploymentOptions } from '../deployment-options';
import { DecisionApplierService } from './decision-applier.service';

/**
 * Consumes xp.decisions one record at a time (per-experiment order comes from the topic key).
 * The offset is committed by runBatchConsumer only after the handler returned, i.e. after the
 * decision was recorded and its config-service command accepted: a crash anywhere redelivers it,
 * and processed_decisions turns the redelivery into a no-op.
 */
@Injectable()
export class DecisionConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DecisionConsumer.name);
  private handle?: BatchConsumerHandle;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(DEPLOYMENT_OPTIONS) private readonly options: DeploymentOptions,
    @Inject(DecisionApplierService) private readonly applier: DecisionApplierService,
    @Inject(ActionRunner) private readonly runner: ActionRunner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await ensureTopics(this.kafka, [
      { ...topics.decisions, name: this.options.decisionsTopic },
      { ...topics.deployments, name: this.options.deploymentsTopic },
    ]);
    // Actions committed before a crash but not performed yet.
    this.runner.drain().catch((err) => this.logger.warn({ err }, 'leftover actions not finished'));
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
          await this.runner.drain();
        }
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.applier.stop();
    await this.handle?.stop();
  }
}
