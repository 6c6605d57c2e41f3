import { Module, type DynamicModule } from '@nestjs/common';
import { METRICS_REGISTRY, type MetricsRegistry } from '@xp/platform';
import { IngestionController } from './ingestion.controller';
import { createIngestionMetrics, INGESTION_METRICS, type IngestionMetrics } from './ingestion-metrics';
import { IngestionService } from './ingestion.service';

/**
 * The ingestion handlers; their consumers are the subscriptions of ingestion-subscriptions.ts in the
 * service's KafkaConsumersModule. Needs the global CLICKHOUSE (ConnectionsModule) and, by default,
 * METRICS_REGISTRY (PlatformModule).
 */
@Module({})
export class IngestionModule {
  static forRoot(metrics?: IngestionMetrics): DynamicModule {
    return {
      module: IngestionModule,
      controllers: [IngestionController],
      providers: [
        metrics
          ? { provide: INGESTION_METRICS, useValue: metrics }
          : { provide: INGESTION_METRICS, inject: [METRICS_REGISTRY], useFactory: (registry: MetricsRegistry) => createIngestionMetrics(registry.registry) },
        IngestionService,
      ],
    };
  }
}
