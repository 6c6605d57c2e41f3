import { Inject, Injectable } from '@nestjs/common';
import type { ClickHousePort } from '@xp/clickhouse';
import { CLICKHOUSE } from '../connections/tokens';
import { eventTarget } from './event-target';
import { exposureTarget } from './exposure-target';
import { INGESTION_METRICS, type IngestionMetrics } from './ingestion-metrics';
import { RawTableWriter } from './raw-table-writer';

/** The Kafka -> ClickHouse writers, one per raw table (fed by IngestionController). */
@Injectable()
export class IngestionService {
  readonly exposures: RawTableWriter<'exposure'>;
  readonly events: RawTableWriter<'metric.event'>;

  constructor(@Inject(CLICKHOUSE) clickhouse: ClickHousePort, @Inject(INGESTION_METRICS) metrics: IngestionMetrics) {
    this.exposures = new RawTableWriter(clickhouse, exposureTarget, metrics);
    this.events = new RawTableWriter(clickhouse, eventTarget, metrics);
  }
}
