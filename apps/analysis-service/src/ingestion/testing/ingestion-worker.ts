/*
 * Ingestion in a process of its own, for the crash test (chdb allows one data directory per
 * process, so the worker owns a temporary one). Environment:
 *   WORKER_CH_PATH, WORKER_EXPOSURES_TOPIC, WORKER_EVENTS_TOPIC, WORKER_GROUP_PREFIX, WORKER_BATCH_ROWS,
 *   WORKER_KILL_AFTER_EXPOSURE_INSERTS: SIGKILL itself right after that many exposure inserts
 *   returned, i.e. with the last batch stored in ClickHouse but its offsets not committed.
 * SIGTERM stops cleanly (consumers, then ClickHouse).
 */
import { createClickHouse, runClickHouseMigrations, type ClickHousePort } from '@xp/clickhouse';
import { kafkaForTests } from '@xp/kafka/testing';
import { analysisClickHouseMigrations } from '../../clickhouse/migrations';
import { startIngestion } from '../start-ingestion';

function killAfterInserts(clickhouse: ClickHousePort, table: string, limit: number): ClickHousePort {
  let inserts = 0;
  return {
    ...clickhouse,
    async insert(into, rows, options) {
      await clickhouse.insert(into, rows, options);
      if (into === table && ++inserts >= limit) process.kill(process.pid, 'SIGKILL');
    },
  };
}

async function main(): Promise<void> {
  const env = process.env;
  const opened = await createClickHouse({ path: env.WORKER_CH_PATH as string, database: 'xp' });
  await runClickHouseMigrations(opened, analysisClickHouseMigrations);
  const killAfter = Number(env.WORKER_KILL_AFTER_EXPOSURE_INSERTS ?? 0);
  const clickhouse = killAfter > 0 ? killAfterInserts(opened, 'exposures_raw', killAfter) : opened;
  const ingestion = await startIngestion({
    kafka: kafkaForTests('ingestion-worker'),
    clickhouse,
    topics: { exposures: env.WORKER_EXPOSURES_TOPIC as string, events: env.WORKER_EVENTS_TOPIC as string },
    groupPrefix: env.WORKER_GROUP_PREFIX,
    maxBatchSize: Number(env.WORKER_BATCH_ROWS ?? 1000),
    ensureTopics: false,
  });
  process.stdout.write('started\n');
  process.once('SIGTERM', () => {
    void ingestion
      .stop()
      .then(() => opened.close())
      .then(() => process.exit(0));
  });
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
