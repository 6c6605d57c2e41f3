import type { ClickHouseMigration } from '@xp/clickhouse';
import type { EngineOptions } from '../table-engine';
import { rawTablesMigration } from './v1-raw-tables';
import { firstExposuresMigration } from './v2-first-exposures';
import { experimentResultsMigration } from './v3-experiment-results';
import { uniqueViewsMigration } from './v4-unique-views';
import { unitValuesMigration } from './v5-unit-values';
import { unitValuesVersionsMigration } from './v6-unit-values-versions';

/**
 * ClickHouse schema of analysis-service (database CLICKHOUSE_DATABASE):
 * - `exposures_raw`  one row per exposure record (envelope id, experiment_key, flag_key, variant,
 *                    unit_id, ts, stage, kafka_topic/partition/offset, inserted_at),
 *                    ORDER BY (experiment_key, unit_id, ts).
 * - `events_raw`     one row per metric event (id, unit_id, event, value Nullable(Float64),
 *                    properties Map(String,String), ts, kafka coordinates), ORDER BY (event, unit_id, ts).
 * - `exposure_first_state` + `exposure_first_mv`: AggregatingMergeTree fed by a materialized view.
 * - `first_exposures` (view): experiment_key, unit_id, variant (of the first exposure),
 *                    first_exposure_at, variant_count (> 1: unit seen in several variants; leave it out
 *                    of the analysis and report how many there are).
 * - `experiment_results` one row per analysis snapshot (experiment_key, computed_at, stage_index,
 *                    total_units, srm_p_value, decision_kind, decision_id, result JSON).
 * - `events`, `exposures` (views): the raw tables with one row per envelope id (a resent event counts once).
 * - `unit_values` per (experiment, layout, unit): its per-unit metric values, kept up to date by the
 *                    analysis loop (analysis/unit-values-state.ts); ReplacingMergeTree(version) since v6, so
 *                    read it with FINAL; `unit_values_progress` its Kafka offsets.
 * Each row of the raw tables is a Kafka record exactly once (see ingestion/ingestion-design.md).
 */
export function buildAnalysisClickHouseMigrations(engine: EngineOptions): ClickHouseMigration[] {
  // In version order; append new migrations, never edit an applied one.
  // v3 belongs to results/ (experiment_results history).
  return [rawTablesMigration(engine), firstExposuresMigration(engine), experimentResultsMigration(engine), uniqueViewsMigration(), unitValuesMigration(engine), unitValuesVersionsMigration(engine)];
}

/** Embedded (chdb) and single-server schema. */
export const analysisClickHouseMigrations: ClickHouseMigration[] = buildAnalysisClickHouseMigrations({ replicated: false });
