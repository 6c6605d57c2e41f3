import type { HistoryView, PlatformState, ResultsView } from './platform-state';
import { currentPercentage } from './platform-state';

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

/** `purchase +265.0% [+120.3%, +410.2%]` for the metric's first treatment comparison. */
export function formatLift(results: ResultsView | undefined, role: 'primary' | 'guardrail', label: string): string {
  const metric = results?.metrics.find((m) => m.role === role);
  const relative = metric?.comparisons[0]?.relative;
  if (!relative) return `${label} lift n/a`;
  const flag = metric.comparisons[0].guardrail?.regression ? ' REGRESSION' : '';
  return `${label} lift ${pct(relative.estimate)} [${pct(relative.ci[0])}, ${pct(relative.ci[1])}]${flag}`;
}

/** One status line: stage, percentage, units per variant, primary and guardrail lifts with their intervals. */
export function formatProgress(state: PlatformState): string {
  const { experiment, results } = state;
  const stages = experiment.rolloutPolicy.stages;
  const units = results
    ? Object.entries(results.unitsPerVariant).map(([variant, n]) => `${variant} ${n}`).join(' / ')
    : 'no analysis yet';
  // A concluded experiment enrols nobody but still shows where the rollout ended.
  const percentage = experiment.status === 'running' ? currentPercentage(experiment) : (experiment.rolloutPercentage ?? stages[experiment.currentStageIndex]);
  const stage = `stage ${experiment.currentStageIndex + 1}/${stages.length} ${String(percentage).padStart(3)}%`;
  const status = experiment.status === 'running' ? '' : ` (${experiment.status})`;
  return `${stage}${status} | units ${units}${results ? ` (${results.stageUnits} new this stage)` : ''} | ${formatLift(results, 'primary', 'conversion')} | ${formatLift(results, 'guardrail', 'latency')}`;
}

/** One decision as deployment-service recorded it. */
export function formatDecision(entry: HistoryView): string {
  const move = entry.fromPercentage != null && entry.toPercentage != null ? ` ${entry.fromPercentage}% -> ${entry.toPercentage}%` : '';
  return `>> ${entry.kind} (${entry.action})${move} [${entry.decisionId ?? 'operator'}] ${entry.reason}`;
}
