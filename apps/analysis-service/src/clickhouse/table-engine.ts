/**
 * Where the engine clause changes between embedded (chdb) and a replicated server deployment.
 *
 * Embedded and single-server: plain `MergeTree` family plus `non_replicated_deduplication_window`,
 * which is what makes `insert_deduplication_token` work on non-replicated tables. Every table that
 * receives ingested blocks (raw tables AND materialized-view targets) needs it: ClickHouse checks
 * the token again for each dependent view's target (checked with chdb 26.7: without the window on
 * the view target, a retried block was dropped from the raw table but aggregated twice in the view).
 *
 * Replicated: `Replicated*MergeTree` keeps block hashes in Keeper (`replicated_deduplication_window`),
 * so the non-replicated window is not needed. Set `replicated: true` when building the migrations
 * for a cluster with `{shard}`/`{replica}` macros (the platform config has no such variable yet).
 */
export interface EngineOptions {
  replicated: boolean;
}

/** How many recent insert blocks are remembered for deduplication; far more than can be uncommitted at once. */
export const DEDUPLICATION_WINDOW = 1000;

/** The engine clause; `version` names a ReplacingMergeTree's version column (the highest wins). */
export function mergeTreeEngine(family: 'MergeTree' | 'AggregatingMergeTree' | 'ReplacingMergeTree', table: string, options: EngineOptions, version?: string): string {
  const args = options.replicated ? [`'/clickhouse/tables/{shard}/{database}/${table}'`, "'{replica}'"] : [];
  if (version !== undefined) args.push(version);
  return `${options.replicated ? 'Replicated' : ''}${family}${args.length > 0 ? `(${args.join(', ')})` : ''}`;
}

/** The SETTINGS clause of a table that receives deduplicated inserts. */
export function dedupSettings(options: EngineOptions): string {
  return options.replicated ? '' : `SETTINGS non_replicated_deduplication_window = ${DEDUPLICATION_WINDOW}`;
}
