import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** What ingestion reports; the Prometheus implementation below, or a no-op in tests and benches. */
export interface IngestionMetrics {
  batchInserted(target: string, rows: number, seconds: number): void;
  recordsSkipped(target: string, count: number): void;
  lag(topic: string, partition: number, records: number): void;
}

export const INGESTION_METRICS = Symbol('INGESTION_METRICS');

export const noIngestionMetrics: IngestionMetrics = {
  batchInserted: () => undefined,
  recordsSkipped: () => undefined,
  lag: () => undefined,
};

export function createIngestionMetrics(registry: Registry): IngestionMetrics {
  const rows = new Counter({
    name: 'analysis_ingest_rows_total',
    help: 'Rows inserted into ClickHouse raw tables',
    labelNames: ['target'] as const,
    registers: [registry],
  });
  const batches = new Counter({
    name: 'analysis_ingest_batches_total',
    help: 'Insert blocks written to ClickHouse raw tables',
    labelNames: ['target'] as const,
    registers: [registry],
  });
  const skipped = new Counter({
    name: 'analysis_ingest_redelivered_skipped_total',
    help: 'Redelivered records not inserted again because ClickHouse already held their offset',
    labelNames: ['target'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'analysis_ingest_insert_duration_seconds',
    help: 'ClickHouse insert latency per block',
    labelNames: ['target'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const lag = new Gauge({
    name: 'analysis_ingest_consumer_lag',
    help: 'Records in the partition after the last ingested batch (highWatermark - lastOffset - 1)',
    labelNames: ['topic', 'partition'] as const,
    registers: [registry],
  });
  return {
    batchInserted(target, count, seconds) {
      rows.inc({ target }, count);
      batches.inc({ target });
      latency.observe({ target }, seconds);
    },
    recordsSkipped(target, count) {
      skipped.inc({ target }, count);
    },
    lag(topic, partition, records) {
      lag.set({ topic, partition: String(partition) }, records);
    },
  };
}
