import type { ClickHousePort } from '@xp/clickhouse';
import type { Metric } from '@xp/contracts';
import { normalQuantile } from '@xp/stats';
import { z } from 'zod';
import type { ArmStatistics, ExperimentStatistics, QuantileArmStatistics } from './experiment-statistics';
import { columnParameters, metricColumns, type ColumnLayout } from './metric-columns';
import { QUANTILE_STATISTICS_SQL } from './quantile-statistics.sql';
import { buildPercentileCapsSql, buildSufficientStatisticsSql, type PercentileCapTarget, type UnitRowsSource } from './sufficient-statistics.sql';
import { layoutId, refreshUnitValues } from './unit-values-state';

export type AnalysedMetric = Pick<
  Metric,
  'key' | 'eventName' | 'kind' | 'valueProperty' | 'cap' | 'capPercentile' | 'capIgnoreZeros' | 'attributionWindowHours' | 'denominator' | 'quantile'
>;

export interface SufficientStatisticsRequest {
  experimentKey: string;
  metrics: AnalysedMetric[];
  /** Events in [first exposure, first exposure + window) count towards the unit's value, unless the metric sets its own window. */
  attributionWindowMs: number;
  /** Events in [first exposure - window, first exposure) make the CUPED covariate. */
  covariateWindowMs: number;
  /** Units first exposed from this time on are the current stage's units. */
  stageStartedAt?: Date;
  /**
   * `state` (the default): refresh the `unit_values` rows (unit-values-state.ts), then aggregate
   * them; `raw`: compute every unit from the raw tables (the definition; tests compare both).
   */
  source?: UnitRowsSource;
}

const count = z.coerce.number().int().nonnegative();
const sums = z.array(z.coerce.number());
const rowSchema = z.object({
  variant: z.string(),
  n: count,
  excluded: count,
  stage_units: count,
  units: sums,
  sum: sums,
  sum_squares: sums,
  covariate_sum: sums,
  covariate_sum_squares: sums,
  sum_products: sums,
  d_sum: sums,
  d_sum_squares: sums,
  d_products: sums,
  d_covariate_sum: sums,
  d_covariate_sum_squares: sums,
  d_numerator_pre: sums,
  d_pre_numerator: sums,
  d_pre_products: sums,
  d_pre_numerator_pre: sums,
});
type Row = z.infer<typeof rowSchema>;

const quantileRowSchema = z.object({
  variant: z.string(),
  events: count,
  units: count,
  estimate: z.coerce.number(),
  lower: z.coerce.number(),
  upper: z.coerce.number(),
  below_sum: z.coerce.number(),
  below_sum_squares: z.coerce.number(),
  count_sum: z.coerce.number(),
  count_sum_squares: z.coerce.number(),
  below_count_products: z.coerce.number(),
});

function armOf(row: Row, k: number, ratio: boolean): ArmStatistics {
  const arm: ArmStatistics = {
    n: Math.round(row.units[k]),
    sum: row.sum[k],
    sumSquares: row.sum_squares[k],
    covariateSum: row.covariate_sum[k],
    covariateSumSquares: row.covariate_sum_squares[k],
    sumProducts: row.sum_products[k],
  };
  if (!ratio) return arm;
  return {
    ...arm,
    ratio: {
      denominatorSum: row.d_sum[k],
      denominatorSumSquares: row.d_sum_squares[k],
      numeratorDenominator: row.d_products[k],
      denominatorCovariateSum: row.d_covariate_sum[k],
      denominatorCovariateSumSquares: row.d_covariate_sum_squares[k],
      numeratorDenominatorPre: row.d_numerator_pre[k],
      denominatorNumeratorPre: row.d_pre_numerator[k],
      denominatorDenominatorPre: row.d_pre_products[k],
      numeratorPreDenominatorPre: row.d_pre_numerator_pre[k],
    },
  };
}

/** Percentile caps of the metrics that ask for one, computed over the uncapped per-unit values. */
async function percentileCaps(clickhouse: ClickHousePort, metrics: AnalysedMetric[], layout: ColumnLayout, source: UnitRowsSource, base: Record<string, unknown>) {
  const targets: PercentileCapTarget[] = metrics.flatMap((m, column) =>
    m.capPercentile === undefined ? [] : [{ column, level: m.capPercentile, ignoreZeros: m.capIgnoreZeros ?? false }],
  );
  const caps: (number | undefined)[] = metrics.map(() => undefined);
  if (targets.length === 0) return caps;
  const [row] = await clickhouse.query(buildPercentileCapsSql(layout.columns.length, targets, source), { ...base, ...columnParameters(layout) });
  const values = z.object({ caps: sums }).parse(row ?? { caps: [] }).caps;
  // A cap of 0 (all values 0) would mean "no cap" in the SQL; the smallest positive double keeps every value at 0.
  targets.forEach((t, j) => (caps[t.column] = Math.max(values[j] ?? 0, Number.MIN_VALUE)));
  return caps;
}

async function quantileStatistics(clickhouse: ClickHousePort, request: SufficientStatisticsRequest, metric: AnalysedMetric) {
  const windowMs = metric.attributionWindowHours === undefined ? request.attributionWindowMs : metric.attributionWindowHours * 3_600_000;
  const rows = await clickhouse.query(QUANTILE_STATISTICS_SQL, {
    experiment: request.experimentKey,
    event: metric.eventName,
    property: metric.valueProperty ?? '',
    windowMs: Math.round(windowMs),
    nu: metric.quantile ?? 0.5,
    z: normalQuantile(0.975),
  });
  const arms: Record<string, QuantileArmStatistics> = {};
  for (const raw of rows) {
    const r = quantileRowSchema.parse(raw);
    arms[r.variant] = {
      events: r.events,
      units: r.units,
      estimate: r.estimate,
      lower: r.lower,
      upper: r.upper,
      belowSum: r.below_sum,
      belowSumSquares: r.below_sum_squares,
      countSum: r.count_sum,
      countSumSquares: r.count_sum_squares,
      belowCountProducts: r.below_count_products,
    };
  }
  return arms;
}

/**
 * Runs an experiment's queries (unit-values.sql.ts for the per-unit value rules): the refresh of
 * its `unit_values` rows, a percentile cap pass when a metric asks for one, the sufficient
 * statistics of every unit-level metric in one scan of those rows, and one query per quantile
 * metric (over the raw events: a quantile of event values has no per-unit state). Only
 * per-variant aggregates leave ClickHouse.
 */
export async function querySufficientStatistics(clickhouse: ClickHousePort, request: SufficientStatisticsRequest): Promise<ExperimentStatistics> {
  const unitMetrics = request.metrics.filter((m) => m.kind !== 'quantile');
  const quantileMetrics = request.metrics.filter((m) => m.kind === 'quantile');
  const source = request.source ?? 'state';
  const uncapped = metricColumns(unitMetrics, request.attributionWindowMs);
  if (source === 'state') await refreshUnitValues(clickhouse, { experimentKey: request.experimentKey, layout: uncapped, covariateWindowMs: request.covariateWindowMs });
  const base = {
    experiment: request.experimentKey,
    layout: layoutId(uncapped, request.covariateWindowMs),
    covariateMs: Math.round(request.covariateWindowMs),
    stageStartMs: request.stageStartedAt?.getTime() ?? 0,
  };
  const caps = await percentileCaps(clickhouse, unitMetrics, uncapped, source, base);
  const layout: ColumnLayout = metricColumns(unitMetrics, request.attributionWindowMs, caps);
  const rows = await clickhouse.query(buildSufficientStatisticsSql(layout, source), { ...base, ...columnParameters(layout) });

  const result: ExperimentStatistics = { units: {}, metrics: Object.fromEntries(unitMetrics.map((m) => [m.key, {}])) };
  for (const raw of rows) {
    const row = rowSchema.parse(raw);
    result.units[row.variant] = { units: row.n, excluded: row.excluded, stageUnits: row.stage_units };
    // A variant whose units were all left out has no analysed unit, hence no metric statistics.
    if (row.n === 0) continue;
    unitMetrics.forEach((metric, k) => (result.metrics[metric.key][row.variant] = armOf(row, k, metric.kind === 'ratio')));
  }
  if (quantileMetrics.length > 0) {
    result.quantiles = {};
    for (const metric of quantileMetrics) result.quantiles[metric.key] = await quantileStatistics(clickhouse, request, metric);
  }
  return result;
}
