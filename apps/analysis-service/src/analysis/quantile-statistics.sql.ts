/*
 * Quantile metrics: per variant, the ν-quantile of the event values of its analysed units' events
 * in [first exposure, + window) and what its interval needs (libs/stats quantile-summary.ts):
 *   events (N), units (K), estimate = the ⌈νN⌉-th smallest value (the smallest x with F̂(x) ≥ ν),
 *   lower / upper = the order statistics at ν ∓ z·sqrt(ν(1−ν)/N),
 *   and per unit s = its events at or below the estimate, c = its events: Σs, Σs², Σc, Σc², Σs·c.
 * Events without a numeric value are left out; an event id sent several times counts once. The order statistics come from one sorted array of
 * the variant's values (memory: 8 bytes per event of the metric).
 * Parameters: experiment, event, property, windowMs, nu, z.
 */
const EVENT_VALUES = `
  SELECT u.variant AS variant, e.unit_id AS unit_id, e.event_value AS value
  FROM (
    SELECT unit_id, argMinMerge(variant_state) AS variant, toUnixTimestamp64Milli(minMerge(first_exposure_state)) AS exposed_ms
    FROM exposure_first_state
    WHERE experiment_key = {experiment:String}
    GROUP BY unit_id
    HAVING uniqExactMerge(variants_state) = 1
  ) AS u
  INNER JOIN (
    -- One row per event id (a resent event counts once): its earliest copy.
    SELECT unit_id, toUnixTimestamp64Milli(min(ts)) AS ts_ms,
      -- In a tuple, so that a NULL value of the earliest copy is kept (argMin skips NULLs).
      argMin(tuple(if({property:String} IN ('', 'value'), value, toFloat64OrNull(properties[{property:String}]))), ts).1 AS event_value
    FROM events_raw
    WHERE event = {event:String}
    GROUP BY unit_id, id
  ) AS e ON e.unit_id = u.unit_id
  WHERE e.event_value IS NOT NULL AND e.ts_ms - u.exposed_ms >= 0 AND e.ts_ms - u.exposed_ms < {windowMs:Int64}`;

const rank = (expression: string) => `toUInt64(greatest(1., least(toFloat64(events), ${expression})))`;

export const QUANTILE_STATISTICS_SQL = `
WITH event_values AS (${EVENT_VALUES}
),
arm AS (
  SELECT
    variant,
    count() AS events,
    uniqExact(unit_id) AS units,
    arraySort(groupArray(assumeNotNull(value))) AS sorted,
    {z:Float64} * sqrt({nu:Float64} * (1 - {nu:Float64}) / events) AS spread,
    sorted[${rank('ceil({nu:Float64} * events)')}] AS estimate,
    sorted[${rank('floor(({nu:Float64} - spread) * events)')}] AS lower,
    sorted[${rank('ceil(({nu:Float64} + spread) * events)')}] AS upper
  FROM event_values
  GROUP BY variant
)
SELECT
  variant,
  any(events) AS events,
  any(units) AS units,
  any(estimate) AS estimate,
  any(lower) AS lower,
  any(upper) AS upper,
  sum(s) AS below_sum,
  sum(s * s) AS below_sum_squares,
  sum(c) AS count_sum,
  sum(c * c) AS count_sum_squares,
  sum(s * c) AS below_count_products
FROM (
  SELECT v.variant AS variant, v.unit_id AS unit_id, countIf(v.value <= a.estimate) AS s, count() AS c,
    any(a.events) AS events, any(a.units) AS units, any(a.estimate) AS estimate, any(a.lower) AS lower, any(a.upper) AS upper
  FROM event_values AS v
  INNER JOIN (SELECT variant, events, units, estimate, lower, upper FROM arm) AS a ON a.variant = v.variant
  GROUP BY variant, unit_id
)
GROUP BY variant
`;
