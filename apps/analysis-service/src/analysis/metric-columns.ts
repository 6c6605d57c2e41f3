import type { Metric } from '@xp/contracts';

/** How one column turns a unit's events in the window into one number. */
export type ColumnRule = 'binomial' | 'count' | 'sum' | 'mean';

/**
 * One per-unit value the SQL computes: an event, how its events become a number, its attribution
 * window and its cap. A metric is one column, a ratio metric two (numerator, denominator).
 */
export interface MetricColumn {
  event: string;
  /** '' or 'value': the event's value; else a property read as a number. Unused for binomial and count. */
  property: string;
  rule: ColumnRule;
  windowMs: number;
  /** Absolute cap, 0 for none (caps are positive when set). */
  cap: number;
}

export interface ColumnLayout {
  /** Metric k's value is column k; a ratio's denominator is `denominators[k]` (index into columns), else -1. */
  columns: MetricColumn[];
  denominators: number[];
  /** Metric k is a per-unit mean: only units with an event count, and it has no covariate. */
  perUnitMean: boolean[];
}

const valueRule = (property?: string): ColumnRule => (property ? 'sum' : 'count');

/** Column per metric (in order), then the ratio denominators. Quantile metrics are not here (quantile-statistics). */
export function metricColumns(
  metrics: Pick<Metric, 'eventName' | 'kind' | 'valueProperty' | 'cap' | 'attributionWindowHours' | 'denominator'>[],
  defaultWindowMs: number,
  caps: readonly (number | undefined)[] = [],
): ColumnLayout {
  const windowOf = (m: (typeof metrics)[number]) => (m.attributionWindowHours === undefined ? defaultWindowMs : Math.round(m.attributionWindowHours * 3_600_000));
  const columns: MetricColumn[] = metrics.map((m, k) => ({
    event: m.eventName,
    property: m.valueProperty ?? '',
    rule: m.kind === 'binomial' ? 'binomial' : m.kind === 'count' ? 'count' : m.kind === 'mean' ? 'mean' : m.kind === 'ratio' ? valueRule(m.valueProperty) : 'sum',
    windowMs: windowOf(m),
    cap: caps[k] ?? m.cap ?? 0,
  }));
  const denominators = metrics.map((m) => {
    if (m.kind !== 'ratio' || !m.denominator) return -1;
    columns.push({ event: m.denominator.eventName, property: m.denominator.valueProperty ?? '', rule: valueRule(m.denominator.valueProperty), windowMs: windowOf(m), cap: 0 });
    return columns.length - 1;
  });
  return { columns, denominators, perUnitMean: metrics.map((m) => m.kind === 'mean') };
}

/** Query parameters describing the columns (arrays indexed 1-based by column in the SQL). */
export function columnParameters(layout: ColumnLayout): Record<string, unknown> {
  const { columns } = layout;
  return {
    events: columns.map((c) => c.event),
    properties: columns.map((c) => c.property),
    rules: columns.map((c) => c.rule),
    caps: columns.map((c) => c.cap),
    windows: columns.map((c) => c.windowMs),
  };
}
