import type { ClickHousePort } from '@xp/clickhouse';
import type { Metric } from '@xp/contracts';
import { z } from 'zod';
import type { ExperimentStatistics } from './experiment-statistics';
import { buildSufficientStatisticsSql } from './sufficient-statistics.sql';

export interface SufficientStatisticsRequest {
  experimentKey: string;
  metrics: Pick<Metric, 'key' | 'eventName' | 'kind' | 'valueProperty' | 'cap'>[];
  /** Events in [first exposure, first exposure + window) count towards the unit's value. */
  attributionWindowMs: number;
  /** Events in [first exposure - window, first exposure) make the CUPED covariate. */
  covariateWindowMs: number;
  /** Units first exposed from this time on are the current stage's units. */
  stageStartedAt?: Date;
}

const count = z.coerce.number().int().nonnegative();
const sums = z.array(z.coerce.number());
const rowSchema = z.object({
  variant: z.string(),
  n: count,
  excluded: count,
  stage_units: count,
  sum: sums,
  sum_squares: sums,
  covariate_sum: sums,
  covariate_sum_squares: sums,
  sum_products: sums,
});

/**
 * Runs the one query of an experiment (see sufficient-statistics.sql.ts for the per-unit value
 * rules); only per-variant aggregates leave ClickHouse.
 */
export async function querySufficientStatistics(
  clickhouse: ClickHousePort,
  request: SufficientStatisticsRequest,
): Promise<ExperimentStatistics> {
  const { metrics } = request;
  const rows = await clickhouse.query(buildSufficientStatisticsSql(metrics.length), {
    experiment: request.experimentKey,
    events: metrics.map((m) => m.eventName),
    kinds: metrics.map((m) => m.kind),
    properties: metrics.map((m) => m.valueProperty ?? ''),
    // Caps are positive when set, so 0 stands for "no cap".
    caps: metrics.map((m) => m.cap ?? 0),
    attributionMs: Math.round(request.attributionWindowMs),
    covariateMs: Math.round(request.covariateWindowMs),
    stageStartMs: request.stageStartedAt?.getTime() ?? 0,
  });
  const result: ExperimentStatistics = { units: {}, metrics: Object.fromEntries(metrics.map((m) => [m.key, {}])) };
  for (const raw of rows) {
    const row = rowSchema.parse(raw);
    result.units[row.variant] = { units: row.n, excluded: row.excluded, stageUnits: row.stage_units };
    // A variant whose units were all left out has no analysed unit, hence no metric statistics.
    if (row.n === 0) continue;
    metrics.forEach((metric, k) => {
      result.metrics[metric.key][row.variant] = {
        n: row.n,
        sum: row.sum[k],
        sumSquares: row.sum_squares[k],
        covariateSum: row.covariate_sum[k],
        covariateSumSquares: row.covariate_sum_squares[k],
        sumProducts: row.sum_products[k],
      };
    });
  }
  return result;
}
