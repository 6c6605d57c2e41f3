import { Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { ConsumedRecord } from '@xp/kafka';
import { ConsumerController, KafkaBatchContext } from '@xp/platform';
import { IngestionService } from './ingestion.service';

/** Batches of xp.exposures and xp.events into ClickHouse; the offsets are committed once the insert returned. */
@ConsumerController()
export class IngestionController {
  constructor(@Inject(IngestionService) private readonly ingestion: IngestionService) {}

  @EventPattern('exposure')
  exposures(@Payload() records: ConsumedRecord<'exposure'>[], @Ctx() context: KafkaBatchContext): Promise<void> {
    return this.ingestion.exposures.write(records, context.batch);
  }

  @EventPattern('metric.event')
  events(@Payload() records: ConsumedRecord<'metric.event'>[], @Ctx() context: KafkaBatchContext): Promise<void> {
    return this.ingestion.events.write(records, context.batch);
  }
}
