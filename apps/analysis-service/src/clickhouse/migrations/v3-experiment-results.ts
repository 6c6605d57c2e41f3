import type { ClickHouseMigration } from '@xp/clickhouse';
import { mergeTreeEngine, type EngineOptions } from '../table-engine';

/*
 * Added by the results/decisions part of analysis-service (not ingestion): one row per analysis
 * snapshot, written by results/results.store.ts. `result` is the ExperimentResults JSON; the
 * columns beside it are there so that analysts can filter without parsing it.
 */
export function experimentResultsMigration(engine: EngineOptions): ClickHouseMigration {
  return {
    version: 3,
    name: 'experiment results history',
    up: [
      `CREATE TABLE IF NOT EXISTS experiment_results (
        experiment_key LowCardinality(String),
        computed_at DateTime64(3, 'UTC'),
        stage_index UInt32,
        total_units UInt64,
        srm_p_value Nullable(Float64),
        decision_kind LowCardinality(String) COMMENT 'ADVANCE/HOLD/SHIP/ROLLBACK, empty when none',
        decision_id String,
        result String COMMENT 'ExperimentResults JSON'
      ) ENGINE = ${mergeTreeEngine('MergeTree', 'experiment_results', engine)}
      ORDER BY (experiment_key, computed_at)`,
    ],
  };
}
