import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { ClickHousePort } from '@xp/clickhouse';
import { BackgroundStarter, METRICS_REGISTRY, SERVICE_CONFIG, type AnalysisServiceConfig, type MetricsRegistry, type ReadinessCheck } from '@xp/platform';
import type { Kafka } from 'kafkajs';
import { CLICKHOUSE, KAFKA } from '../connections/tokens';
import { createIngestionMetrics, type IngestionMetrics } from './ingestion-metrics';
import { startIngestion, type IngestionHandle } from './start-ingestion';

/** Runs the Kafka -> ClickHouse ingestion for the lifetime of the service. */
@Injectable()
export class IngestionService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Ingestion');
  private handle?: IngestionHandle;
  private readonly starter = new BackgroundStarter('ingestion', () => this.start(), this.logger);
  private readonly ingestionMetrics: IngestionMetrics;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(CLICKHOUSE) private readonly clickhouse: ClickHousePort,
    @Inject(METRICS_REGISTRY) metrics: MetricsRegistry,
    @Inject(SERVICE_CONFIG) private readonly config: AnalysisServiceConfig,
  ) {
    this.ingestionMetrics = createIngestionMetrics(metrics.registry);
  }

  /** Starting until both consumers have started and joined their groups (after a crash: until the dead member's session ended). */
  readiness(): ReadinessCheck {
    return this.starter.readiness('ingestion', () =>
      this.handle?.consumers.every((c) => c.assigned) ? null : 'joining the consumer groups of the exposures and events topics',
    );
  }

  /** In the background: the service serves (and reports not ready) while Kafka is unreachable. */
  onApplicationBootstrap(): void {
    void this.starter.begin();
  }

  private async start(): Promise<void> {
    const handle = await startIngestion({
      kafka: this.kafka,
      clickhouse: this.clickhouse,
      metrics: this.ingestionMetrics,
      consumer: this.config.kafka.consumer,
      topics: { exposures: this.config.kafka.topics.exposures.name, events: this.config.kafka.topics.events.name },
      groupPrefix: this.config.kafka.groups.ingestion,
      logger: {
        warn: (context, message) => this.logger.warn({ ...context, msg: message }),
        error: (context, message) => this.logger.error({ ...context, msg: message }),
      },
    });
    if (this.starter.stopped) return handle.stop();
    this.handle = handle;
    this.logger.log(`ingesting ${this.config.kafka.topics.exposures.name} and ${this.config.kafka.topics.events.name} into ClickHouse`);
  }

  /** Before ClickHouse closes (onApplicationShutdown), so no insert races the close. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.starter.stop();
    await this.handle?.stop();
  }
}
