import { Inject, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { ConsumedRecord } from '@xp/kafka';
import { ConsumerController } from '@xp/platform';
import { FlagUsageStore } from './flag-usage-store';

/**
 * Batches of xp.flag-usage. The transport commits the offsets only after this handler returned, i.e.
 * after the counts and the message ids were committed to PostgreSQL in one transaction: a crash before
 * that redelivers the batch, and flag_usage_processed turns each repeat into a no-op. Records off the
 * contract go to xp.flag-usage.dlq before reaching here.
 */
@ConsumerController()
export class FlagUsageConsumerController {
  private readonly logger = new Logger(FlagUsageConsumerController.name);

  constructor(@Inject(FlagUsageStore) private readonly store: FlagUsageStore) {}

  @EventPattern('flag.usage')
  async usage(@Payload() records: ConsumedRecord<'flag.usage'>[]): Promise<void> {
    const fresh = await this.store.apply(records.map((r) => ({ id: r.envelope.id, data: r.envelope.data })));
    if (fresh < records.length) this.logger.log({ repeats: records.length - fresh }, 'flag usage messages seen before; not counted again');
  }
}
