/*
 * npm run bench:ingest — Kafka -> ClickHouse ingestion rate and the results query time.
 *   1. produce BENCH_EXPOSURES (default 1,000,000) exposures to a fresh 6-partition topic;
 *   2. time the analysis-service ingestion (the real startIngestion) until all are in exposures_raw;
 *   3. add events with numbers() and time the sufficient-statistics query at 1M exposures;
 *   4. grow to BENCH_LARGE_EXPOSURES (default 10,000,000) with numbers() and time it again.
 * Uses the broker from KAFKA_BROKERS (npm run infra:up) and a temporary chdb directory.
 * Query lines give each run's wall time, the process CPU time (chdb runs ClickHouse in this
 * process, so it is the query's CPU over all cores) and the process's peak RSS during the run
 * (the first run's figure is the cleanest: later runs start from memory the allocator kept).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClickHouse, runClickHouseMigrations, type ClickHousePort } from '@xp/clickhouse';
import { ensureRegistryTopics } from '@xp/kafka';
import { kafkaForTests, uniqueGroupId, uniqueTopic } from '@xp/kafka/testing';
import { analysisClickHouseMigrations } from '../../clickhouse/migrations';
import { querySufficientStatistics } from '../../analysis/sufficient-statistics.query';
import { startIngestion } from '../start-ingestion';
import { generateEvents, generateExposures } from './generate-in-clickhouse';
import { measure, type Measurement } from './measure';
import { produceExposures } from './produce-exposures';

const EXPERIMENT = 'bench';
const exposures = Number(process.env.BENCH_EXPOSURES ?? 1_000_000);
const largeExposures = Number(process.env.BENCH_LARGE_EXPOSURES ?? 10_000_000);
const seconds = (ms: number) => (ms / 1000).toFixed(2);

async function ingest(ch: ClickHousePort): Promise<void> {
  const kafka = kafkaForTests('bench-ingest');
  const topic = uniqueTopic('bench-exposures');
  const eventsTopic = uniqueTopic('bench-events');
  await ensureRegistryTopics(kafka, { exposures: topic, events: eventsTopic });
  let started = Date.now();
  await produceExposures(kafka, topic, exposures, EXPERIMENT);
  console.log(`produced ${exposures.toLocaleString('en')} exposures in ${seconds(Date.now() - started)} s`);

  let rows = 0;
  let batches = 0;
  let firstInsertAt = 0;
  let done: () => void = () => undefined;
  const caughtUp = new Promise<void>((resolve) => (done = resolve));
  started = Date.now();
  const ingestion = await startIngestion({
    kafka,
    clickhouse: ch,
    topics: { exposures: topic, events: eventsTopic },
    groupPrefix: uniqueGroupId('bench-ingest'),
    ensureTopics: false,
    metrics: {
      batchInserted(_target, count) {
        firstInsertAt ||= Date.now();
        rows += count;
        batches += 1;
        if (rows >= exposures) done();
      },
      recordsSkipped: () => undefined,
      lag: () => undefined,
    },
  });
  await caughtUp;
  const finished = Date.now();
  await ingestion.stop();
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [topic, eventsTopic, `${topic}.dlq`, `${eventsTopic}.dlq`] }).catch(() => undefined);
  await admin.disconnect();
  console.log(
    `ingested ${rows.toLocaleString('en')} exposures in ${batches} inserts: ` +
      `${Math.round(rows / ((finished - started) / 1000)).toLocaleString('en')} events/s including consumer start-up ` +
      `(${seconds(finished - started)} s), ${Math.round(rows / ((finished - firstInsertAt) / 1000)).toLocaleString('en')} events/s from the first insert`,
  );
}

async function timeResultsQuery(ch: ClickHousePort, label: string, runs: number): Promise<void> {
  const request = {
    experimentKey: EXPERIMENT,
    metrics: [
      { key: 'converted', eventName: 'purchase', kind: 'binomial' as const },
      { key: 'revenue', eventName: 'purchase', kind: 'sum' as const, valueProperty: 'value' },
    ],
    attributionWindowMs: 7 * 86_400_000,
    covariateWindowMs: 7 * 86_400_000,
  };
  const runsMeasured: Measurement[] = [];
  let units = 0;
  for (let run = 0; run < runs; run++) {
    const { value: stats, measurement } = await measure(() => querySufficientStatistics(ch, request));
    runsMeasured.push(measurement);
    units = Object.values(stats.units).reduce((sum, v) => sum + v.units, 0);
  }
  const walls = runsMeasured.map((r) => r.wallMs).sort((a, b) => a - b);
  const median = walls[Math.floor(walls.length / 2)];
  const detail = runsMeasured.map((r) => `${r.wallMs} ms wall / ${r.cpuMs} ms CPU / peak RSS ${r.peakRssMb ?? '?'} MB`).join('; ');
  console.log(
    `results query at ${label} exposures (${units.toLocaleString('en')} units, 2 metrics, CUPED terms): ` +
      `median ${median} ms of ${runs} run(s) (min ${walls[0]}, max ${walls[walls.length - 1]}) [${detail}]`,
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'xp-bench-ingest-'));
  const ch = await createClickHouse({ path: dir, database: 'xp' });
  try {
    await runClickHouseMigrations(ch, analysisClickHouseMigrations);
    await ingest(ch);
    await generateEvents(ch, 0, exposures);
    await timeResultsQuery(ch, exposures.toLocaleString('en'), 3);
    const started = Date.now();
    await generateExposures(ch, EXPERIMENT, exposures, largeExposures);
    await generateEvents(ch, exposures, largeExposures);
    console.log(`generated up to ${largeExposures.toLocaleString('en')} exposures with numbers() in ${seconds(Date.now() - started)} s`);
    await timeResultsQuery(ch, largeExposures.toLocaleString('en'), 3);
  } finally {
    await ch.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
