import type { ExperimentResults, MetricResult } from './types';

export interface Point { t: number; y: number; lower?: number; upper?: number }

/** Snapshots oldest first (the API lists them newest first). */
export function snapshotsInOrder(latest: ExperimentResults | null, history: ExperimentResults[]): ExperimentResults[] {
  return [...(latest ? [latest] : []), ...history].sort((a, b) => Date.parse(a.computedAt) - Date.parse(b.computedAt));
}

/** A metric's relative lift (absolute when the relative one is undefined) of `variant` over time, with its interval. */
export function liftSeries(snapshots: ExperimentResults[], metricKey: string, variant: string): Point[] {
  return snapshots.flatMap((s) => {
    const c = s.metrics.find((m) => m.metricKey === metricKey)?.comparisons.find((x) => x.variant === variant);
    const lift = c?.relative ?? undefined;
    return lift ? [{ t: Date.parse(s.computedAt), y: lift.estimate, lower: lift.ci[0], upper: lift.ci[1] }] : [];
  });
}

/** Units per variant over time, and the units each would have at the configured split. */
export function unitSeries(snapshots: ExperimentResults[], weights: Record<string, number>): { actual: Record<string, Point[]>; expected: Record<string, Point[]> } {
  const total = Object.values(weights).reduce((a, b) => a + b, 0) || 1;
  const actual: Record<string, Point[]> = {};
  const expected: Record<string, Point[]> = {};
  for (const s of snapshots) {
    const t = Date.parse(s.computedAt);
    const units = Object.values(s.unitsPerVariant).reduce((a, b) => a + b, 0);
    for (const variant of Object.keys(weights)) {
      (actual[variant] ??= []).push({ t, y: s.unitsPerVariant[variant] ?? 0 });
      (expected[variant] ??= []).push({ t, y: (units * weights[variant]) / total });
    }
  }
  return { actual, expected };
}

/** Whether the interval says better, worse or nothing yet, in the metric's good direction. */
export function verdictOf(metric: MetricResult, lower: number, upper: number): 'good' | 'bad' | 'unclear' {
  const sign = metric.direction === 'decrease' ? -1 : 1;
  if (lower > 0) return sign > 0 ? 'good' : 'bad';
  if (upper < 0) return sign > 0 ? 'bad' : 'good';
  return 'unclear';
}
