/*
 * Per-unit value by metric kind (y after exposure, x before it, same rule for both):
 *   binomial: 1 if the unit had at least one event, else 0;
 *   count:    the number of events;
 *   sum/mean: the sum of the event values. `mean` is analysed like `sum` (mean over units of the
 *             per-unit total), not as a ratio of totals to event counts;
 * then clipped to the metric's cap (non-binomial). The value is the event's `value` when the
 * metric's valueProperty is unset or 'value', else properties[valueProperty] read as a number
 * (0 when absent). Units without events count with 0. Units seen in several variants are left out.
 *
 * Shape (why it is fast: 10M exposures in a few seconds, see README "Bench"):
 * - ONE pass over the finalized first exposures: each unit is merged once (GROUP BY unit_id over
 *   exposure_first_state) and LEFT JOINed to its events, pre-grouped per unit into three parallel
 *   arrays (metric index, time, value). The smaller side (units with events) is the hash table.
 * - Counts and sums come out of the same GROUP BY variant, so nothing is computed twice.
 * - Per-metric expressions are unrolled in the SQL text (metric i is the constant i): nested
 *   lambdas over a metric array were ~3x slower in ClickHouse 26.7 (captured arrays replicated).
 * Only metric indexes (our own integers) enter the SQL text; every value is a query parameter.
 */

const perUnitValue = (i: number, count: string, total: string) => {
  const kind = `{kinds:Array(String)}[${i}]`;
  const cap = `{caps:Array(Float64)}[${i}]`;
  const raw = `multiIf(${kind} = 'binomial', toFloat64(${count} > 0), ${kind} = 'count', toFloat64(${count}), toFloat64(${total}))`;
  // Caps are positive when set, so 0 stands for "no cap"; a unit without events stays 0 under a cap.
  return `if(${kind} != 'binomial' AND ${cap} > 0, least(${raw}, ${cap}), ${raw})`;
};

/** Value of metric i over the unit's events whose delta to the first exposure satisfies `window`. */
const windowValue = (i: number, window: string) =>
  perUnitValue(
    i,
    `arrayCount((m, d) -> m = ${i} AND ${window}, ev_metric, ev_delta)`,
    `arraySum((m, d, v) -> if(m = ${i} AND ${window}, v, 0), ev_metric, ev_delta, ev_value)`,
  );

const POST_WINDOW = 'd >= 0 AND d < {attributionMs:Int64}';
const PRE_WINDOW = 'd < 0 AND d >= -{covariateMs:Int64}';

const indexes = (metricCount: number) => Array.from({ length: metricCount }, (_, k) => k + 1);
// An empty list still needs a type: Array(Float64), so that the column parses as numbers.
const perMetric = (metricCount: number, term: (i: number) => string) =>
  metricCount === 0 ? 'CAST([], \'Array(Float64)\')' : `[${indexes(metricCount).map(term).join(', ')}]`;

/**
 * The sufficient-statistics query for `metricCount` metrics (0: unit counts only). Parameters: experiment, events,
 * properties, kinds, caps (arrays indexed by metric, 1-based), attributionMs, covariateMs,
 * stageStartMs. One row per variant: n, excluded, stage_units and, per metric (arrays in metric
 * order), sum, sum_squares, covariate_sum, covariate_sum_squares, sum_products.
 */
export function buildSufficientStatisticsSql(metricCount: number): string {
  if (!Number.isInteger(metricCount) || metricCount < 0) throw new RangeError(`metricCount must be a whole number, got ${metricCount}`);
  const values = indexes(metricCount)
    .map((i) => `,\n    ${windowValue(i, POST_WINDOW)} AS y${i},\n    ${windowValue(i, PRE_WINDOW)} AS x${i}`)
    .join('');
  return `
SELECT
  variant,
  countIf(analysed) AS n,
  countIf(NOT analysed) AS excluded,
  countIf(analysed AND exposed_ms >= {stageStartMs:Int64}) AS stage_units,
  ${perMetric(metricCount, (i) => `sumIf(y${i}, analysed)`)} AS sum,
  ${perMetric(metricCount, (i) => `sumIf(y${i} * y${i}, analysed)`)} AS sum_squares,
  ${perMetric(metricCount, (i) => `sumIf(x${i}, analysed)`)} AS covariate_sum,
  ${perMetric(metricCount, (i) => `sumIf(x${i} * x${i}, analysed)`)} AS covariate_sum_squares,
  ${perMetric(metricCount, (i) => `sumIf(x${i} * y${i}, analysed)`)} AS sum_products
FROM (
  SELECT
    u.variant AS variant,
    u.variant_count = 1 AS analysed,
    u.exposed_ms AS exposed_ms,
    e.ev_metric AS ev_metric,
    arrayMap(t -> t - u.exposed_ms, e.ev_ts) AS ev_delta,
    e.ev_value AS ev_value${values}
  FROM (
    SELECT
      unit_id,
      argMinMerge(variant_state) AS variant,
      toUnixTimestamp64Milli(minMerge(first_exposure_state)) AS exposed_ms,
      uniqExactMerge(variants_state) AS variant_count
    FROM exposure_first_state
    WHERE experiment_key = {experiment:String}
    GROUP BY unit_id
  ) AS u
  LEFT ANY JOIN (
    SELECT unit_id, groupArray(metric) AS ev_metric, groupArray(ts_ms) AS ev_ts, groupArray(event_value) AS ev_value
    FROM (
      SELECT
        unit_id,
        toUnixTimestamp64Milli(ts) AS ts_ms,
        arrayJoin(arrayFilter(i -> {events:Array(String)}[i] = event, arrayEnumerate({events:Array(String)}))) AS metric,
        if({properties:Array(String)}[metric] IN ('', 'value'),
           ifNull(value, 0),
           toFloat64OrZero(properties[{properties:Array(String)}[metric]])) AS event_value
      FROM events_raw
      WHERE event IN {events:Array(String)}
    )
    GROUP BY unit_id
  ) AS e ON e.unit_id = u.unit_id
)
GROUP BY variant
`;
}
