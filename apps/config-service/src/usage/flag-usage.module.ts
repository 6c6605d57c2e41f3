import { Module } from '@nestjs/common';
import { FlagUsageConsumerController } from './flag-usage-consumer.controller';
import { FlagUsageStore } from './flag-usage-store';
import { FlagUsageController } from './flag-usage.controller';
import { FlagUsageService } from './flag-usage.service';

/** Flag usage: the consumer of xp.flag-usage into flag_usage, and GET /v1/flag-usage. */
@Module({
  controllers: [FlagUsageController, FlagUsageConsumerController],
  providers: [FlagUsageStore, FlagUsageService],
})
export class FlagUsageModule {}
