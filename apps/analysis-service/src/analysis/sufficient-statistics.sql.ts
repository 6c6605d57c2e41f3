import type { ColumnLayout } from './metric-columns';
import { unitRowsSql } from './unit-values.sql';

// An empty list still needs a type: Array(Float64), so that the column parses as numbers.
const list = (terms: string[]) => (terms.length === 0 ? "CAST([], 'Array(Float64)')" : `[${terms.join(', ')}]`);

/**
 * Where the per-unit rows come from: the `unit_values` table kept by unit-values-state.ts (the
 * fast path), or computed from the raw tables (unit-values.sql.ts; the definition, used to build
 * that table and by the tests that compare both).
 */
export type UnitRowsSource = 'state' | 'raw';

// FINAL: a unit's newest row (unit_values is a ReplacingMergeTree by version; unit-values-state.ts).
const STATE_ROWS = `
  SELECT unit_id, variant, variant_count, exposed_ms, ys, xs, has
  FROM unit_values FINAL
  WHERE experiment_key = {experiment:String} AND layout = {layout:UInt64}`;

/** Column i's value clipped to its cap (caps are positive when set, so 0 is "no cap"; binomial values are never capped). */
function capped(i: number, values: 'ys' | 'xs'): string {
  const cap = `{caps:Array(Float64)}[${i}]`;
  return `if({rules:Array(String)}[${i}] != 'binomial' AND ${cap} > 0, least(${values}[${i}], ${cap}), ${values}[${i}])`;
}

/** The per-unit rows with y{i}, x{i} (capped) and has{i} columns, from either source. */
function cappedUnitRows(columnCount: number, source: UnitRowsSource): string {
  const columns = Array.from({ length: columnCount }, (_, k) => k + 1)
    .map((i) => `,\n    ${capped(i, 'ys')} AS y${i}, ${capped(i, 'xs')} AS x${i}, has[${i}] = 1 AS has${i}`)
    .join('');
  return `
  SELECT variant, variant_count = 1 AS analysed, exposed_ms${columns}
  FROM (${source === 'state' ? STATE_ROWS : unitRowsSql(columnCount)})`;
}

/**
 * The sufficient-statistics query (unit-values.sql.ts says how each per-unit value is made).
 * One row per variant: n (analysed units), excluded, stage_units, and per metric k (arrays in
 * metric order): units (the units it counts), sum, sum_squares, covariate_sum,
 * covariate_sum_squares, sum_products (y·x), and for ratio metrics the denominator terms
 * (d_* arrays, 0 for other metrics). A per-unit mean counts only units with an event and has no
 * covariate (x = 0 there).
 */
export function buildSufficientStatisticsSql(layout: ColumnLayout, source: UnitRowsSource): string {
  const metricCount = layout.perUnitMean.length;
  const ks = Array.from({ length: metricCount }, (_, k) => k);
  const condition = (k: number) => (layout.perUnitMean[k] ? `analysed AND has${k + 1}` : 'analysed');
  const y = (k: number) => `y${k + 1}`;
  const x = (k: number) => (layout.perUnitMean[k] ? '0.' : `x${k + 1}`);
  const sumOf = (k: number, expr: string) => `sumIf(${expr}, ${condition(k)})`;
  const ratio = (k: number, term: (d: string, dx: string) => string) => {
    const d = layout.denominators[k];
    return d < 0 ? '0.' : sumOf(k, term(`y${d + 1}`, `x${d + 1}`));
  };
  const terms: [string, (k: number) => string][] = [
    ['units', (k) => `toFloat64(countIf(${condition(k)}))`],
    ['sum', (k) => sumOf(k, y(k))],
    ['sum_squares', (k) => sumOf(k, `${y(k)} * ${y(k)}`)],
    ['covariate_sum', (k) => sumOf(k, x(k))],
    ['covariate_sum_squares', (k) => sumOf(k, `${x(k)} * ${x(k)}`)],
    ['sum_products', (k) => sumOf(k, `${x(k)} * ${y(k)}`)],
    ['d_sum', (k) => ratio(k, (d) => d)],
    ['d_sum_squares', (k) => ratio(k, (d) => `${d} * ${d}`)],
    ['d_products', (k) => ratio(k, (d) => `${y(k)} * ${d}`)],
    ['d_covariate_sum', (k) => ratio(k, (_d, dx) => dx)],
    ['d_covariate_sum_squares', (k) => ratio(k, (_d, dx) => `${dx} * ${dx}`)],
    ['d_numerator_pre', (k) => ratio(k, (_d, dx) => `${y(k)} * ${dx}`)],
    ['d_pre_numerator', (k) => ratio(k, (d) => `${d} * ${x(k)}`)],
    ['d_pre_products', (k) => ratio(k, (d, dx) => `${d} * ${dx}`)],
    ['d_pre_numerator_pre', (k) => ratio(k, (_d, dx) => `${x(k)} * ${dx}`)],
  ];
  const aggregates = terms.map(([name, term]) => `  ${list(ks.map(term))} AS ${name}`).join(',\n');
  return `
SELECT
  variant,
  countIf(analysed) AS n,
  countIf(NOT analysed) AS excluded,
  countIf(analysed AND exposed_ms >= {stageStartMs:Int64}) AS stage_units,
${aggregates}
FROM (${cappedUnitRows(layout.columns.length, source)}
)
GROUP BY variant
`;
}

export interface PercentileCapTarget {
  /** Column index (0-based). */
  column: number;
  /** Quantile level in (0, 1) (a validated metric setting; it enters the SQL text as a number). */
  level: number;
  ignoreZeros: boolean;
}

/**
 * Percentile caps: for each target, the quantile of its column's uncapped per-unit values over the
 * analysed units of every variant (without the zeros when asked). One row, `caps` in target order.
 * Parametric aggregate levels must be literals, hence the level in the text (checked numeric).
 */
export function buildPercentileCapsSql(columnCount: number, targets: PercentileCapTarget[], source: UnitRowsSource): string {
  const term = ({ column, level, ignoreZeros }: PercentileCapTarget) => {
    if (!(Number.isFinite(level) && level > 0 && level < 1)) throw new RangeError(`cap percentile must be in (0, 1), got ${level}`);
    const y = `ys[${column + 1}]`;
    return `quantileExactIf(${level})(${y}, variant_count = 1${ignoreZeros ? ` AND ${y} != 0` : ''})`;
  };
  return `
SELECT ${list(targets.map(term))} AS caps
FROM (${source === 'state' ? STATE_ROWS : unitRowsSql(columnCount)}
)
`;
}
