import type { ClickHousePort } from '@xp/clickhouse';
import type { Metric } from '@xp/contracts';
import { z } from 'zod';
import type { ExperimentStatistics } from './experiment-statistics';

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

/*
 * Per-unit value by metric kind (y after exposure, x before it, same rule for both):
 *   binomial: 1 if the unit had at least one event, else 0;
 *   count:    the number of events;
 *   sum/mean: the sum of the event values. `mean` is analysed like `sum` (mean over units of the
 *             per-unit total), not as a ratio of totals to event counts;
 * then clipped to the metric's cap (non-binomial). The value is the event's `value` when the
 * metric's valueProperty is unset or 'value', else properties[valueProperty] read as a number
 * (0 when absent). Units without events count with 0. Units seen in several variants are left out.
 */
const PER_UNIT_VALUE = (count: string, total: string) => `
  multiIf(kind = 'binomial', toFloat64(${count} > 0), kind = 'count', toFloat64(${count}), toFloat64(${total}))`;

const capped = (value: string) => `if(kind != 'binomial' AND cap > 0, least(${value}, cap), ${value})`;

export const SUFFICIENT_STATISTICS_SQL = `
WITH
units AS (
  SELECT unit_id, variant, variant_count, toUnixTimestamp64Milli(first_exposure_at) AS exposed_ms
  FROM first_exposures
  WHERE experiment_key = {experiment:String}
),
analysed AS (
  SELECT unit_id, variant, exposed_ms FROM units WHERE variant_count = 1
),
unit_events AS (
  SELECT
    unit_id,
    metric_index,
    countIf(delta >= 0) AS post_count,
    sumIf(event_value, delta >= 0) AS post_sum,
    countIf(delta < 0) AS pre_count,
    sumIf(event_value, delta < 0) AS pre_sum
  FROM (
    SELECT
      a.unit_id AS unit_id,
      arrayJoin(arrayFilter(i -> {events:Array(String)}[i] = e.event, arrayEnumerate({events:Array(String)}))) AS metric_index,
      toUnixTimestamp64Milli(e.ts) - a.exposed_ms AS delta,
      if({properties:Array(String)}[metric_index] IN ('', 'value'),
         ifNull(e.value, 0),
         toFloat64OrZero(e.properties[{properties:Array(String)}[metric_index]])) AS event_value
    FROM events_raw AS e
    INNER JOIN analysed AS a ON a.unit_id = e.unit_id
    WHERE e.event IN {events:Array(String)}
      AND toUnixTimestamp64Milli(e.ts) - a.exposed_ms >= -{covariateMs:Int64}
      AND toUnixTimestamp64Milli(e.ts) - a.exposed_ms < {attributionMs:Int64}
  )
  GROUP BY unit_id, metric_index
),
unit_values AS (
  SELECT metric_index, variant, ${capped('y_raw')} AS y, ${capped('x_raw')} AS x
  FROM (
    SELECT
      m.metric_index AS metric_index,
      a.variant AS variant,
      {kinds:Array(String)}[m.metric_index] AS kind,
      {caps:Array(Float64)}[m.metric_index] AS cap,
      ${PER_UNIT_VALUE('ue.post_count', 'ue.post_sum')} AS y_raw,
      ${PER_UNIT_VALUE('ue.pre_count', 'ue.pre_sum')} AS x_raw
    FROM analysed AS a
    CROSS JOIN (SELECT arrayJoin(arrayEnumerate({events:Array(String)})) AS metric_index) AS m
    LEFT JOIN unit_events AS ue ON ue.unit_id = a.unit_id AND ue.metric_index = m.metric_index
  )
)
SELECT
  toUInt32(metric_index) AS metric_index, variant,
  count() AS n, 0 AS excluded, 0 AS stage_units,
  sum(y) AS sum, sum(y * y) AS sum_squares, sum(x) AS covariate_sum, sum(x * x) AS covariate_sum_squares, sum(x * y) AS sum_products
FROM unit_values
GROUP BY metric_index, variant
UNION ALL
SELECT
  toUInt32(0) AS metric_index, variant,
  countIf(variant_count = 1) AS n,
  countIf(variant_count > 1) AS excluded,
  countIf(variant_count = 1 AND exposed_ms >= {stageStartMs:Int64}) AS stage_units,
  toFloat64(0) AS sum, toFloat64(0) AS sum_squares, toFloat64(0) AS covariate_sum, toFloat64(0) AS covariate_sum_squares, toFloat64(0) AS sum_products
FROM units
GROUP BY variant
`;

const count = z.coerce.number().int().nonnegative();
const rowSchema = z.object({
  metric_index: count,
  variant: z.string(),
  n: count,
  excluded: count,
  stage_units: count,
  sum: z.coerce.number(),
  sum_squares: z.coerce.number(),
  covariate_sum: z.coerce.number(),
  covariate_sum_squares: z.coerce.number(),
  sum_products: z.coerce.number(),
});

/** Runs the one query of an experiment; only per-variant aggregates leave ClickHouse. */
export async function querySufficientStatistics(
  clickhouse: ClickHousePort,
  request: SufficientStatisticsRequest,
): Promise<ExperimentStatistics> {
  const { metrics } = request;
  const rows = await clickhouse.query(SUFFICIENT_STATISTICS_SQL, {
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
    if (row.metric_index === 0) {
      result.units[row.variant] = { units: row.n, excluded: row.excluded, stageUnits: row.stage_units };
      continue;
    }
    const metric = metrics[row.metric_index - 1];
    result.metrics[metric.key][row.variant] = {
      n: row.n,
      sum: row.sum,
      sumSquares: row.sum_squares,
      covariateSum: row.covariate_sum,
      covariateSumSquares: row.covariate_sum_squares,
      sumProducts: row.sum_products,
    };
  }
  return result;
}
