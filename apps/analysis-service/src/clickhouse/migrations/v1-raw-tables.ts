import type { ClickHouseMigration } from '@xp/clickhouse';
import { dedupSettings, mergeTreeEngine, type EngineOptions } from '../table-engine';

/*
 * No PARTITION BY on the raw tables on purpose: an insert of one block (≤ max_insert_block_size
 * rows) then lands as ONE part, atomically, which the ingestion's per-partition offset watermark
 * relies on (see ingestion/ingestion-design.md).
 */
export function rawTablesMigration(engine: EngineOptions): ClickHouseMigration {
  return {
    version: 1,
    name: 'raw exposures and events',
    up: [
      `CREATE TABLE IF NOT EXISTS exposures_raw (
        id String COMMENT 'envelope id',
        experiment_key LowCardinality(String),
        flag_key LowCardinality(String),
        variant LowCardinality(String),
        unit_id String,
        ts DateTime64(3, 'UTC') COMMENT 'envelope occurredAt',
        stage Nullable(UInt32),
        kafka_topic LowCardinality(String),
        kafka_partition UInt32,
        kafka_offset UInt64,
        inserted_at DateTime64(3, 'UTC') DEFAULT now64(3)
      ) ENGINE = ${mergeTreeEngine('MergeTree', 'exposures_raw', engine)}
      ORDER BY (experiment_key, unit_id, ts)
      ${dedupSettings(engine)}`,
      `CREATE TABLE IF NOT EXISTS events_raw (
        id String COMMENT 'envelope id',
        unit_id String,
        event LowCardinality(String),
        value Nullable(Float64) COMMENT 'null: a conversion without a value',
        properties Map(String, String) COMMENT 'numbers and booleans as text; null properties left out',
        ts DateTime64(3, 'UTC') COMMENT 'envelope occurredAt',
        kafka_topic LowCardinality(String),
        kafka_partition UInt32,
        kafka_offset UInt64,
        inserted_at DateTime64(3, 'UTC') DEFAULT now64(3)
      ) ENGINE = ${mergeTreeEngine('MergeTree', 'events_raw', engine)}
      ORDER BY (event, unit_id, ts)
      ${dedupSettings(engine)}`,
    ],
  };
}
