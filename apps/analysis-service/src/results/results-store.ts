import type { ClickHousePort } from '@xp/clickhouse';
import { z } from 'zod';
import type { ExperimentResults } from './experiment-results';

export interface StoredResults {
  results: ExperimentResults;
  decisionKind?: string;
  decisionId?: string;
}

const rowSchema = z.object({ result: z.string() });

/** History of analysis snapshots in ClickHouse `experiment_results` (migration v3). */
export class ResultsStore {
  constructor(private readonly clickhouse: ClickHousePort) {}

  async save({ results, decisionKind, decisionId }: StoredResults): Promise<void> {
    await this.clickhouse.insert('experiment_results', [
      {
        experiment_key: results.experimentKey,
        computed_at: results.computedAt,
        stage_index: results.stageIndex,
        total_units: Object.values(results.unitsPerVariant).reduce((a, b) => a + b, 0),
        srm_p_value: results.srm?.pValue ?? null,
        decision_kind: decisionKind ?? '',
        decision_id: decisionId ?? '',
        // Written by this service only, read back by recent() below.
        result: JSON.stringify(results),
      },
    ]);
  }

  /** Newest first, at most `limit` snapshots. */
  async recent(experimentKey: string, limit: number): Promise<ExperimentResults[]> {
    const rows = await this.clickhouse.query(
      `SELECT result FROM experiment_results WHERE experiment_key = {key:String}
       ORDER BY computed_at DESC LIMIT {limit:UInt32}`,
      { key: experimentKey, limit },
    );
    return rows.map((row) => JSON.parse(rowSchema.parse(row).result) as ExperimentResults);
  }
}
