import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ClickHousePort } from '@xp/clickhouse';
import { KafkaBatchTransport } from '@xp/platform';
import type { Kafka } from 'kafkajs';
import { CLICKHOUSE } from '../connections/tokens';
import { ingestionSubscriptions, type IngestionSubscriptionOptions } from './ingestion-subscriptions';
import { noIngestionMetrics, type IngestionMetrics } from './ingestion-metrics';
import { IngestionModule } from './ingestion.module';

export interface IngestionOptions extends IngestionSubscriptionOptions {
  kafka: Kafka;
  clickhouse: ClickHousePort;
  metrics?: IngestionMetrics;
}

export interface IngestionHandle {
  stop(): Promise<void>;
}

/**
 * Ingestion alone, as a Nest microservice on the Kafka batch transport: the same controller and
 * subscriptions as analysis-service, for the crash test's worker process and the ingestion bench.
 */
export async function startIngestion(options: IngestionOptions): Promise<IngestionHandle> {
  @Global()
  @Module({
    imports: [IngestionModule.forRoot(options.metrics ?? noIngestionMetrics)],
    providers: [{ provide: CLICKHOUSE, useValue: options.clickhouse }],
    exports: [CLICKHOUSE],
  })
  class IngestionAloneModule {}

  const transport = new KafkaBatchTransport(options.kafka, ingestionSubscriptions(options.kafka, options));
  const app = await NestFactory.createMicroservice(IngestionAloneModule, { strategy: transport, logger: ['error', 'warn'] });
  await app.listen();
  return { stop: () => app.close() };
}
