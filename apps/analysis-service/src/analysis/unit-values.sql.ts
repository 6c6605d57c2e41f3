/*
 * The per-unit rows every results query starts from: one row per (experiment, unit) with its
 * first variant and exposure time, how many variants it saw (analysed when 1), and ys[c] / xs[c],
 * the UNCAPPED value of each column c over the unit's events after / before its first exposure
 * (caps are applied when the rows are aggregated: sufficient-statistics.sql.ts). These rows are
 * what the `unit_values` table keeps (unit-values-state.ts), so the incremental and the raw
 * computation share this one definition.
 *
 * Per-unit value by column rule, over the unit's events whose delta to the first exposure is in
 * [0, window_c) for y and [-covariate window, 0) for x:
 *   binomial: 1 if at least one event, else 0;   count: the number of events;
 *   sum: the sum of the event values;            mean: their average (0 and has_c = 0 without events);
 * (the cap comes later). The value is the event's `value` when the
 * property is unset or 'value', else properties[property] read as a number (0 when absent).
 * Units without events count with 0.
 *
 * First exposure, variant and variant count come from exposures_raw itself (argMin / min / uniqExact,
 * which a duplicated row cannot change), not from exposure_first_state: a row the watermark of
 * unit-values-state.ts has passed is in exposures_raw at once, while the view's copy may wait for
 * ingestion's repair step after a crash.
 *
 * Shape: ONE pass over the units' exposures LEFT JOINed to the unit's events,
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
        WHERE event IN {events:Array(String)}%UNITS%
      )
      GROUP BY unit_id
    )`;

const indexes = (count: number) => Array.from({ length: count }, (_, k) => k + 1);

function perUnitValue(i: number, count: string, total: string): string {
  const rule = `{rules:Array(String)}[${i}]`;
  return `multiIf(${rule} = 'binomial', toFloat64(${count} > 0), ${rule} = 'count', toFloat64(${count}), ${rule} = 'mean', if(${count} > 0, toFloat64(${total}) / ${count}, 0.), toFloat64(${total}))`;
}

const inWindow = (i: number, window: string) => `arrayCount((m, d) -> m = ${i} AND ${window}, ev_metric, ev_delta)`;
const windowTotal = (i: number, window: string) => `arraySum((m, d, v) -> if(m = ${i} AND ${window}, v, 0), ev_metric, ev_delta, ev_value)`;
const postWindow = (i: number) => `d >= 0 AND d < {windows:Array(Int64)}[${i}]`;
const PRE_WINDOW = 'd < 0 AND d >= -{covariateMs:Int64}';

// An empty list still needs a type, so that the column parses as numbers.
const list = (terms: string[], type: string) => (terms.length === 0 ? `CAST([], 'Array(${type})')` : `[${terms.join(', ')}]`);

/** ys, xs and has of `columnCount` columns, as arrays (column i is element i). */
function columnArrays(columnCount: number): string {
  const is = indexes(columnCount);
  return [
    `${list(is.map((i) => perUnitValue(i, inWindow(i, postWindow(i)), windowTotal(i, postWindow(i)))), 'Float64')} AS ys`,
    `${list(is.map((i) => perUnitValue(i, inWindow(i, PRE_WINDOW), windowTotal(i, PRE_WINDOW))), 'Float64')} AS xs`,
    `${list(is.map((i) => `toUInt8(${inWindow(i, postWindow(i))} > 0)`), 'UInt8')} AS has`,
  ]
    .map((line) => `,\n    ${line}`)
    .join('');
}

/**
 * Which units a unit-rows query computes: every unit of the experiment; one of `chunks` slices of
 * them by unit hash (parameters chunk, chunks: a large build in bounded memory); or only those
 * with rows in the given Kafka offset ranges (unit-values-state.ts: the units whose data changed).
 */
export type UnitSelection = 'all' | 'chunk' | 'changed';

/*
 * The units with exposures of the experiment, or events of the metrics, in the given Kafka offset
 * ranges: rangeKeys ('exposures|topic|partition', 'events|topic|partition'), rangeFrom, rangeTo
 * (inclusive), plus exposuresFrom / eventsFrom, the lowest rangeFrom of each table's partitions: the
 * tables' minmax index on kafka_offset (migration v6) skips the granules below it, so a pass reads the
 * recent parts rather than the whole history. A partition without a range is left out: the ranges are
 * fixed before the statements that use them, so two statements given the same ranges see the same
 * units, whatever arrives between.
 */
function changedIn(table: string, source: string, filter: string): string {
  const range = `range_${source}`;
  return `SELECT unit_id FROM ${table}
      WHERE ${filter}
        AND kafka_offset >= {${source}From:UInt64}
        AND (indexOf({rangeKeys:Array(String)}, concat('${source}|', kafka_topic, '|', toString(kafka_partition))) AS ${range}) > 0
        AND kafka_offset BETWEEN {rangeFrom:Array(UInt64)}[${range}] AND {rangeTo:Array(UInt64)}[${range}]`;
}
export const CHANGED_UNITS = `
      ${changedIn('exposures_raw', 'exposures', 'experiment_key = {experiment:String}')}
      UNION DISTINCT
      ${changedIn('events_raw', 'events', 'event IN {events:Array(String)}')}`;

/**
 * One row per unit: unit_id, variant, variant_count, exposed_ms, ys, xs, has (parameters:
 * experiment, events, properties, rules, windows, covariateMs; for 'changed', the units are those
 * `changedUnits` selects, by default CHANGED_UNITS with its offset ranges).
 */
export function unitRowsSql(columnCount: number, units: UnitSelection = 'all', changedUnits = CHANGED_UNITS): string {
  if (!Number.isInteger(columnCount) || columnCount < 0) throw new RangeError(`columnCount must be a whole number, got ${columnCount}`);
  const only = {
    all: '',
    chunk: '\n          AND cityHash64(unit_id) % {chunks:UInt64} = {chunk:UInt64}',
    changed: `\n          AND unit_id IN (${changedUnits})`,
  }[units];
  return `
  SELECT
    u.unit_id AS unit_id,
    u.first_variant AS variant,
    u.variants_seen AS variant_count,
    u.exposed_ms AS exposed_ms,
    e.ev_metric AS ev_metric,
    arrayMap(t -> t - u.exposed_ms, e.ev_ts) AS ev_delta,
    e.ev_value AS ev_value${columnArrays(columnCount)}
  FROM (
    SELECT
      unit_id,
      toString(argMin(variant, ts)) AS first_variant,
      toUnixTimestamp64Milli(min(ts)) AS exposed_ms,
      toUInt32(uniqExact(variant)) AS variants_seen
    FROM exposures_raw
    WHERE experiment_key = {experiment:String}${only}
    GROUP BY unit_id
  ) AS u
  LEFT ANY JOIN (
    ${UNIT_EVENT_ARRAYS.replace('%UNITS%', only)}
  ) AS e ON e.unit_id = u.unit_id`;
}
