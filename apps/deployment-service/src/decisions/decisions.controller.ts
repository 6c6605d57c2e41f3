import { Inject, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { ConsumedRecord } from '@xp/kafka';
import { ConsumerController } from '@xp/platform';
import { PendingEffectsRetrier } from '../actions/pending-effects.retrier';
import { DecisionApplierService } from './decision-applier.service';

/**
 * Batches of xp.decisions (per-experiment order comes from the topic key). The transport commits the
 * offsets only after this handler returned, i.e. after each decision, its new rollout state and its
 * pending config-service effects were committed to PostgreSQL: a crash before that redelivers them, and
 * processed_decisions turns a redelivery into a no-op. The effects are applied by PendingEffectsRetrier,
 * so decisions are recorded while config-service is down.
 */
@ConsumerController()
export class DecisionsController {
  private readonly logger = new Logger(DecisionsController.name);

  constructor(
    @Inject(DecisionApplierService) private readonly applier: DecisionApplierService,
    @Inject(PendingEffectsRetrier) private readonly effects: PendingEffectsRetrier,
  ) {}

  @EventPattern('rollout.decision')
  async decisions(@Payload() records: ConsumedRecord<'rollout.decision'>[]): Promise<void> {
    for (const record of records) {
      const decision = record.envelope.data;
      const fresh = await this.applier.record(decision);
      if (!fresh) this.logger.log({ decisionId: decision.decisionId }, 'decision seen before; nothing to do');
      this.effects.kick();
    }
  }
}
