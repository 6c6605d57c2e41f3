import type { ColumnLayout } from './metric-columns';
import { unitValuesSql } from './unit-values.sql';

// An empty list still needs a type: Array(Float64), so that the column parses as numbers.
const list = (terms: string[]) => (terms.length === 0 ? "CAST([], 'Array(Float64)')" : `[${terms.join(', ')}]`);

/**
 * The sufficient-statistics query (unit-values.sql.ts says how each per-unit value is made).
 * One row per variant: n (analysed units), excluded, stage_units, and per metric k (arrays in
 * metric order): units (the units it counts), sum, sum_squares, covariate_sum,
 * covariate_sum_squares, sum_products (y·x), and for ratio metrics the denominator terms
 * (d_* arrays, 0 for other metrics). A per-unit mean counts only units with an event and has no
 * covariate (x = 0 there).
 */
export function buildSufficientStatisticsSql(layout: ColumnLayout): string {
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
FROM (${unitValuesSql(layout.columns.length)}
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
export function buildPercentileCapsSql(columnCount: number, targets: PercentileCapTarget[]): string {
  const term = ({ column, level, ignoreZeros }: PercentileCapTarget) => {
    if (!(Number.isFinite(level) && level > 0 && level < 1)) throw new RangeError(`cap percentile must be in (0, 1), got ${level}`);
    const y = `y${column + 1}`;
    return `quantileExactIf(${level})(${y}, analysed${ignoreZeros ? ` AND ${y} != 0` : ''})`;
  };
  return `
SELECT ${list(targets.map(term))} AS caps
FROM (${unitValuesSql(columnCount)}
)
`;
}
