import type { ClickHouseMigration } from '@xp/clickhouse';
import { dedupSettings, mergeTreeEngine, type EngineOptions } from '../table-engine';

/** The SELECT both the materialized view and the ingestion's repair step aggregate exposures with. */
export const FIRST_EXPOSURE_AGGREGATE = `
  experiment_key,
  unit_id,
  argMinState(toString(variant), ts) AS variant_state,
  minState(ts) AS first_exposure_state,
  uniqExactState(toString(variant)) AS variants_state`;

/*
 * First exposure per (experiment, unit). All three aggregates are idempotent (argMin, min,
 * uniqExact give the same answer when a row is seen twice), so a re-aggregated row can never
 * change the result: that is what lets ingestion repair the view after a crash between the raw
 * insert and the view insert.
 */
export function firstExposuresMigration(engine: EngineOptions): ClickHouseMigration {
  return {
    version: 2,
    name: 'first exposure per experiment and unit',
    up: [
      `CREATE TABLE IF NOT EXISTS exposure_first_state (
        experiment_key LowCardinality(String),
        unit_id String,
        variant_state AggregateFunction(argMin, String, DateTime64(3, 'UTC')),
        first_exposure_state AggregateFunction(min, DateTime64(3, 'UTC')),
        variants_state AggregateFunction(uniqExact, String)
      ) ENGINE = ${mergeTreeEngine('AggregatingMergeTree', 'exposure_first_state', engine)}
      ORDER BY (experiment_key, unit_id)
      ${dedupSettings(engine)}`,
      `CREATE MATERIALIZED VIEW IF NOT EXISTS exposure_first_mv TO exposure_first_state AS
       SELECT ${FIRST_EXPOSURE_AGGREGATE}
       FROM exposures_raw
       GROUP BY experiment_key, unit_id`,
      `CREATE VIEW IF NOT EXISTS first_exposures AS
       SELECT
         experiment_key,
         unit_id,
         argMinMerge(variant_state) AS variant,
         minMerge(first_exposure_state) AS first_exposure_at,
         toUInt32(uniqExactMerge(variants_state)) AS variant_count
       FROM exposure_first_state
       GROUP BY experiment_key, unit_id`,
    ],
  };
}
