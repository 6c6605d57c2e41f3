import { BaseRpcContext } from '@nestjs/microservices';
import type { BatchInfo } from '@xp/kafka';

/** What a batch handler gets with `@Ctx()`: where the batch comes from (topic, partition, offsets, group joins). */
export class KafkaBatchContext extends BaseRpcContext<[BatchInfo]> {
  get batch(): BatchInfo {
    return this.args[0];
  }
}
