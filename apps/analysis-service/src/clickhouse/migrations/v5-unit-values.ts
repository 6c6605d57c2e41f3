import type { ClickHouseMigration } from '@xp/clickhouse';
import { mergeTreeEngine, type EngineOptions } from '../table-engine';

/*
 * The per-unit state the results are computed from (analysis/unit-values-state.ts keeps it):
 * one row per (experiment, layout, unit) with the unit's first variant and exposure time, how many
 * variants it saw, and the uncapped value of each column after (ys) and before (xs) its first
 * exposure; `layout` identifies the column definitions (events, value rules, windows). Sorted by
 * unit within an experiment, so that the changed units of a pass are found by the primary key.
 * `unit_values_progress` holds, per (experiment, layout), the Kafka offsets folded in, and
 * `unit_values_changed` the units one pass recomputes; the raw tables
 * get a projection with each partition's highest offset.
 */
export function unitValuesMigration(engine: EngineOptions): ClickHouseMigration {
  return {
    version: 5,
    name: 'per-unit metric values kept incrementally',
    up: [
      `CREATE TABLE IF NOT EXISTS unit_values (
        experiment_key LowCardinality(String),
        layout UInt64 COMMENT 'hash of the column definitions (analysis/unit-values-state.ts layoutId)',
        unit_id String,
        variant LowCardinality(String) COMMENT 'of the first exposure',
        variant_count UInt32 COMMENT 'variants the unit saw; analysed when 1',
        exposed_ms Int64 COMMENT 'first exposure, ms since the epoch',
        ys Array(Float64) COMMENT 'per column: the uncapped value over the attribution window',
        xs Array(Float64) COMMENT 'per column: the uncapped value over the covariate window (CUPED)',
        has Array(UInt8) COMMENT 'per column: 1 when the unit had an event in the window',
        computed_at DateTime64(3, 'UTC') DEFAULT now64(3)
      ) ENGINE = ${mergeTreeEngine('MergeTree', 'unit_values', engine)}
      ORDER BY (experiment_key, layout, unit_id)`,
      `CREATE TABLE IF NOT EXISTS unit_values_progress (
        experiment_key LowCardinality(String),
        layout UInt64,
        key String COMMENT 'exposures|topic|partition or events|topic|partition (or built)',
        offset UInt64 COMMENT 'the highest Kafka offset folded in',
        version UInt64
      ) ENGINE = ${mergeTreeEngine('ReplacingMergeTree', 'unit_values_progress', engine)}
      ORDER BY (experiment_key, layout, key)`,
      `CREATE TABLE IF NOT EXISTS unit_values_changed (
        experiment_key LowCardinality(String),
        layout UInt64,
        pass UInt64 COMMENT 'microseconds since the epoch when the pass started',
        unit_id String
      ) ENGINE = ${mergeTreeEngine('MergeTree', 'unit_values_changed', engine)}
      ORDER BY (experiment_key, layout, pass, unit_id)
      TTL toDateTime(intDiv(pass, 1000000)) + INTERVAL 1 HOUR`,
      // The highest offset per Kafka partition, kept per part by ClickHouse: finding the marks of a
      // pass reads these few rows instead of every row's offset.
      ...['exposures_raw', 'events_raw'].flatMap((table) => [
        `ALTER TABLE ${table} ADD PROJECTION IF NOT EXISTS partition_offsets
         (SELECT kafka_topic, kafka_partition, max(kafka_offset) GROUP BY kafka_topic, kafka_partition)`,
        `ALTER TABLE ${table} MATERIALIZE PROJECTION partition_offsets`,
      ]),
    ],
  };
}
