import type { Experiment, Flag, Segment } from './types';

/** Flags and segments whose conditions say `inSegment <key>`. */
export function segmentUsers(key: string, flags: Flag[], segments: Segment[]): string[] {
  const uses = (conditions: Array<{ operator: string; values: unknown[] }>) => conditions.some((c) => c.operator === 'inSegment' && c.values.includes(key));
  return [
    ...flags.filter((f) => f.rules.some((r) => uses(r.conditions))).map((f) => `flag ${f.key}`),
    ...segments.filter((s) => s.key !== key && uses(s.conditions)).map((s) => `segment ${s.key}`),
  ];
}

/** Experiments naming the metric, with the role it plays there. */
export function metricUsers(key: string, experiments: Experiment[]): string[] {
  return experiments.flatMap((e) => {
    if (e.primaryMetric === key) return [`${e.key} (primary)`];
    if (e.guardrailMetrics.some((g) => g.metricKey === key)) return [`${e.key} (guardrail)`];
    if (e.secondaryMetrics.includes(key)) return [`${e.key} (secondary)`];
    return [];
  });
}
