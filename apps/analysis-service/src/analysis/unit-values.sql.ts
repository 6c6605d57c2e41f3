/*
 * The per-unit rows every results query starts from: one row per (experiment, unit) with its
 * first variant and exposure time, whether it is analysed (never seen in another variant), and
 * y_c / x_c, the value of each column c over the unit's events after / before its first exposure.
 *
 * Per-unit value by column rule, over the unit's events whose delta to the first exposure is in
 * [0, window_c) for y and [-covariate window, 0) for x:
 *   binomial: 1 if at least one event, else 0;   count: the number of events;
 *   sum: the sum of the event values;            mean: their average (0 and has_c = 0 without events);
 * then clipped to the column's cap (not binomial). The value is the event's `value` when the
 * property is unset or 'value', else properties[property] read as a number (0 when absent).
 * Units without events count with 0.
 *
 * Shape (why it is fast, see analysis-service README "Bench"): ONE pass over the finalized first
 * exposures (GROUP BY unit_id over exposure_first_state) LEFT JOINed to the unit's events,
 * pre-grouped into parallel arrays (column index, time, value); per-column expressions are unrolled
 * in the SQL text (column i is the constant i): nested lambdas over a column array were ~3x slower.
 * Only column indexes (our own integers) enter the SQL text; every value is a query parameter.
 */

/*
 * A unit's events, one per (event id, metric): a client that resends an event with the same id
 * (a retry, a replay, the same id twice in a batch) stores it again in events_raw, and it must
 * count once. Every event of an id carries the same unit (the unit is the Kafka key), so the
 * duplicates are among the unit's own events: sorted by time, arrayEnumerateUniq keeps the first
 * (earliest) occurrence of each (id, metric). The id enters as a 64-bit hash; two different ids of
 * one unit colliding has probability ~k²/2⁶⁵ for a unit with k events.
 */
const UNIT_EVENT_ARRAYS = `SELECT unit_id,
      arrayFilter((t, n) -> n = 1, sorted, arrayEnumerateUniq(arrayMap(t -> t.2, sorted), arrayMap(t -> t.3, sorted))) AS unique_events,
      arrayMap(t -> t.3, unique_events) AS ev_metric, arrayMap(t -> t.1, unique_events) AS ev_ts, arrayMap(t -> t.4, unique_events) AS ev_value
    FROM (
      SELECT unit_id, arraySort(groupArray((ts_ms, id_hash, metric, event_value))) AS sorted
      FROM (
        SELECT
          unit_id,
          toUnixTimestamp64Milli(ts) AS ts_ms,
          sipHash64(id) AS id_hash,
          arrayJoin(arrayFilter(i -> {events:Array(String)}[i] = event, arrayEnumerate({events:Array(String)}))) AS metric,
          if({properties:Array(String)}[metric] IN ('', 'value'),
             ifNull(value, 0),
             toFloat64OrZero(properties[{properties:Array(String)}[metric]])) AS event_value
        FROM events_raw
        WHERE event IN {events:Array(String)}
      )
      GROUP BY unit_id
    )`;

const indexes = (count: number) => Array.from({ length: count }, (_, k) => k + 1);

function perUnitValue(i: number, count: string, total: string): string {
  const rule = `{rules:Array(String)}[${i}]`;
  const cap = `{caps:Array(Float64)}[${i}]`;
  const raw = `multiIf(${rule} = 'binomial', toFloat64(${count} > 0), ${rule} = 'count', toFloat64(${count}), ${rule} = 'mean', if(${count} > 0, toFloat64(${total}) / ${count}, 0.), toFloat64(${total}))`;
  // Caps are positive when set, so 0 stands for "no cap"; a unit without events stays 0 under a cap.
  return `if(${rule} != 'binomial' AND ${cap} > 0, least(${raw}, ${cap}), ${raw})`;
}

const inWindow = (i: number, window: string) => `arrayCount((m, d) -> m = ${i} AND ${window}, ev_metric, ev_delta)`;
const windowTotal = (i: number, window: string) => `arraySum((m, d, v) -> if(m = ${i} AND ${window}, v, 0), ev_metric, ev_delta, ev_value)`;
const postWindow = (i: number) => `d >= 0 AND d < {windows:Array(Int64)}[${i}]`;
const PRE_WINDOW = 'd < 0 AND d >= -{covariateMs:Int64}';

/** SELECT list of the per-unit row for `columnCount` columns: y{i}, x{i}, has{i}. */
function columnValues(columnCount: number): string {
  return indexes(columnCount)
    .map((i) => {
      const post = postWindow(i);
      return [
        `${perUnitValue(i, inWindow(i, post), windowTotal(i, post))} AS y${i}`,
        `${perUnitValue(i, inWindow(i, PRE_WINDOW), windowTotal(i, PRE_WINDOW))} AS x${i}`,
        `${inWindow(i, post)} > 0 AS has${i}`,
      ]
        .map((line) => `,\n    ${line}`)
        .join('');
    })
    .join('');
}

/** The per-unit subquery (parameters: experiment, events, properties, rules, caps, windows, covariateMs). */
export function unitValuesSql(columnCount: number): string {
  if (!Number.isInteger(columnCount) || columnCount < 0) throw new RangeError(`columnCount must be a whole number, got ${columnCount}`);
  return `
  SELECT
    u.variant AS variant,
    u.variant_count = 1 AS analysed,
    u.exposed_ms AS exposed_ms,
    e.ev_metric AS ev_metric,
    arrayMap(t -> t - u.exposed_ms, e.ev_ts) AS ev_delta,
    e.ev_value AS ev_value${columnValues(columnCount)}
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
    ${UNIT_EVENT_ARRAYS}
  ) AS e ON e.unit_id = u.unit_id`;
}
