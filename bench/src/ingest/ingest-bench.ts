/*
 * npm run bench:ingest — Kafka -> ClickHouse ingestion rate and the results query time.
 *   1. produce BENCH_EXPOSURES (default 1,000,000) exposures to a fresh 6-partition topic;
 *   2. time the analysis-service ingestion (the real startIngestion) until all are in exposures_raw;
 *   3. add events with numbers(), then at 1M exposures time the results query as the analysis loop
 *      runs it: the first pass (builds unit_values), three steady passes (nothing new: the refresh
 *      finds no change, then one scan of unit_values), one pass after 10,000 new units and events of
 *      10,000 existing ones (incremental), and the same statistics from the raw tables;
 *   4. grow to each of BENCH_SIZES (default 10M and 30M exposures) with numbers() and do it again
 *      (the raw computation up to 10M only).
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
import { analysisClickHouseMigrations } from '../../../apps/analysis-service/src/clickhouse/migrations';
import { querySufficientStatistics, type SufficientStatisticsRequest } from '../../../apps/analysis-service/src/analysis/sufficient-statistics.query';
import type { UnitRowsSource } from '../../../apps/analysis-service/src/analysis/sufficient-statistics.sql';
import { startIngestion } from '../../../apps/analysis-service/src/ingestion/start-ingestion';
import { generateEvents, generateExposures } from './generate-in-clickhouse';
import { measure, type Measurement } from './measure';
import { produceExposures } from './produce-exposures';

const EXPERIMENT = 'bench';
const exposures = Number(process.env.BENCH_EXPOSURES ?? 1_000_000);
// The larger sizes, grown with numbers() (BENCH_SIZES=10000000,30000000 by default).
const sizes = (process.env.BENCH_SIZES ?? '10000000,30000000').split(',').map(Number).filter((n) => n > exposures);
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

const REQUEST: SufficientStatisticsRequest = {
  experimentKey: EXPERIMENT,
  metrics: [
    { key: 'converted', eventName: 'purchase', kind: 'binomial' },
    { key: 'revenue', eventName: 'purchase', kind: 'sum', valueProperty: 'value' },
  ],
  attributionWindowMs: 7 * 86_400_000,
  covariateWindowMs: 7 * 86_400_000,
};

const describeRun = (m: Measurement) => `${m.wallMs} ms wall / ${m.cpuMs} ms CPU / peak RSS ${m.peakRssMb ?? '?'} MB`;

async function timeOnce(ch: ClickHousePort, label: string, source: UnitRowsSource = 'state'): Promise<void> {
  const { value, measurement } = await measure(() => querySufficientStatistics(ch, { ...REQUEST, source }));
  const units = Object.values(value.units).reduce((sum, v) => sum + v.units, 0);
  console.log(`  ${label} (${units.toLocaleString('en')} units): ${describeRun(measurement)}`);
}

/** The results query as the analysis loop runs it: refresh unit_values (nothing new), then the scan. */
async function timeResultsQuery(ch: ClickHousePort, label: string, runs: number): Promise<void> {
  const measured: Measurement[] = [];
  for (let run = 0; run < runs; run++) measured.push((await measure(() => querySufficientStatistics(ch, REQUEST))).measurement);
  const walls = measured.map((r) => r.wallMs).sort((a, b) => a - b);
  console.log(
    `results query at ${label} exposures (2 metrics, CUPED terms, unit_values current): ` +
      `median ${walls[Math.floor(walls.length / 2)]} ms of ${runs} runs (min ${walls[0]}, max ${walls[walls.length - 1]}) [${measured.map(describeRun).join('; ')}]`,
  );
}

/** At `total` exposures: the state built once, the steady results query, one incremental pass, and (optionally) the raw computation. */
async function resultsAt(ch: ClickHousePort, total: number, withRaw: boolean): Promise<void> {
  const label = total.toLocaleString('en');
  console.log(`at ${label} exposures:`);
  await timeOnce(ch, 'first pass (unit_values built or brought up to date)');
  await timeResultsQuery(ch, label, 3);
  // 10,000 new units and new events of 10,000 existing ones, as a busy analysis interval brings.
  await generateExposures(ch, EXPERIMENT, total, total + 10_000);
  await generateEvents(ch, total, total + 10_000);
  await generateEvents(ch, 0, 20_000, 2_000_000_000_000 + total);
  await timeOnce(ch, 'a pass after 10,000 new units and events of 10,000 more (incremental)');
  if (withRaw) await timeOnce(ch, 'the same statistics computed from the raw tables (no unit_values)', 'raw');
  const tables = await ch.query<{ table: string; rows: string; compressed: string; uncompressed: string }>(
    `SELECT table, sum(rows) AS rows, sum(data_compressed_bytes) AS compressed, sum(data_uncompressed_bytes) AS uncompressed
     FROM system.parts WHERE database = currentDatabase() AND active AND table IN ('exposures_raw', 'events_raw', 'unit_values') GROUP BY table ORDER BY table`,
  );
  const mb = (bytes: string) => (Number(bytes) / 1e6).toFixed(0);
  console.log(`  on disk: ${tables.map((t) => `${t.table} ${Number(t.rows).toLocaleString('en')} rows, ${mb(t.compressed)} MB compressed (${mb(t.uncompressed)} MB raw)`).join('; ')}`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'xp-bench-ingest-'));
  const ch = await createClickHouse({ path: dir, database: 'xp' });
  try {
    await runClickHouseMigrations(ch, analysisClickHouseMigrations);
    await ingest(ch);
    await generateEvents(ch, 0, exposures);
    await resultsAt(ch, exposures, true);
    let total = exposures + 10_000;
    for (const target of sizes) {
      const started = Date.now();
      await generateExposures(ch, EXPERIMENT, total, target);
      await generateEvents(ch, total, target);
      console.log(`generated up to ${target.toLocaleString('en')} exposures with numbers() in ${seconds(Date.now() - started)} s`);
      await resultsAt(ch, target, target <= 10_000_000);
      total = target + 10_000;
    }
  } finally {
    await ch.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
