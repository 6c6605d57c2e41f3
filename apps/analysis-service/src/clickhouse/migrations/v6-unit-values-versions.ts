import type { ClickHouseMigration } from '@xp/clickhouse';
import { mergeTreeEngine, type EngineOptions } from '../table-engine';

/*
 * Each analysis pass's work in proportion to what changed, not to the history.
 *
 * `unit_values` (v5) as a ReplacingMergeTree: a pass inserts its changed units' rows again with a
 * higher `version`, and readers take `FINAL`, so that no pass has to delete the rows it replaces.
 * v5's `DELETE ... WHERE unit_id IN (...)` was a mutation per experiment and pass over every part of
 * the table: four minutes into a soak with three experiments, system.mutations listed 72 on unit_values,
 * and they took the same two background slots the raw tables' merges need.
 *
 * The table only holds state derived from the raw tables, so it is recreated empty and the progress
 * cleared: the first pass after the upgrade computes every unit again (a rebuild). Each statement can
 * run again after a crash between them.
 *
 * A minmax index on the raw tables' kafka_offset, used to find the changed units.
 */
export function unitValuesVersionsMigration(engine: EngineOptions): ClickHouseMigration {
  return {
    version: 6,
    name: 'per-unit values replaced by version, not deleted; an offset index on the raw tables',
    up: [
      'DROP TABLE IF EXISTS unit_values SYNC',
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
        version UInt64 COMMENT 'the pass that computed the row; of a unit''s rows the highest is current (read with FINAL)',
        computed_at DateTime64(3, 'UTC') DEFAULT now64(3)
      ) ENGINE = ${mergeTreeEngine('ReplacingMergeTree', 'unit_values', engine, 'version')}
      ORDER BY (experiment_key, layout, unit_id)`,
      'TRUNCATE TABLE IF EXISTS unit_values_progress',
      // A pass looks for the units with rows past its progress (unit-values.sql.ts CHANGED_UNITS):
      // with each granule's offset range, the old parts are skipped instead of read.
      ...['exposures_raw', 'events_raw'].flatMap((table) => [
        `ALTER TABLE ${table} ADD INDEX IF NOT EXISTS kafka_offset_range kafka_offset TYPE minmax GRANULARITY 1`,
        `ALTER TABLE ${table} MATERIALIZE INDEX kafka_offset_range`,
      ]),
    ],
  };
}
