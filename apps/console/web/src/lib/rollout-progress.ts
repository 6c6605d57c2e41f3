import type { Experiment, ExperimentResults, Rollout } from './types';

export interface StageView {
  percentage: number;
  state: 'done' | 'current' | 'next';
}

export interface RolloutProgress {
  stages: StageView[];
  percentage: number;
  /** Since the current stage started (the analysis' stageStartedAt, else the last decision), ms. */
  timeInStageMs?: number;
  minDurationMs: number;
  stageUnits?: number;
  minUnits: number;
  unitsNeeded?: number;
  /** Why the rollout is not moving now, in words; undefined while it is finished. */
  waiting?: string;
}

const FINISHED = new Set(['shipped', 'rolled_back']);

/** Stage bar, time in stage, units still needed and the reason it waits, from the three services' views. */
export function rolloutProgress(experiment: Experiment, rollout: Rollout | undefined, latest: ExperimentResults | null, now: number): RolloutProgress {
  const policy = experiment.rolloutPolicy;
  const stageIndex = rollout?.stageIndex ?? experiment.currentStageIndex;
  const status = rollout?.status ?? experiment.status;
  const percentage = experiment.rolloutPercentage ?? policy.stages[experiment.currentStageIndex] ?? 0;
  const finished = FINISHED.has(status) || experiment.status === 'concluded' || experiment.status === 'archived';
  const stages = policy.stages.map((p, i): StageView => ({
    percentage: p,
    state: i < stageIndex || (finished && status === 'shipped') ? 'done' : i === stageIndex && !finished ? 'current' : i === stageIndex && status === 'shipped' ? 'done' : 'next',
  }));
  const lastMove = rollout?.history.filter((h) => h.action === 'ADVANCED').at(-1)?.occurredAt;
  const stageStart = latest?.stageIndex === stageIndex && latest.stageStartedAt ? latest.stageStartedAt : lastMove;
  const timeInStageMs = stageStart ? now - Date.parse(stageStart) : undefined;
  const stageUnits = latest?.stageIndex === stageIndex ? latest.stageUnits : undefined;
  const minDurationMs = policy.minDurationPerStage * 1000;
  const progress: RolloutProgress = {
    stages,
    percentage,
    timeInStageMs,
    minDurationMs,
    stageUnits,
    minUnits: policy.minUnitsPerStage,
    unitsNeeded: stageUnits === undefined ? undefined : Math.max(0, policy.minUnitsPerStage - stageUnits),
  };
  if (!finished) progress.waiting = waitingReason(experiment, rollout, latest, progress);
  return progress;
}

function waitingReason(experiment: Experiment, rollout: Rollout | undefined, latest: ExperimentResults | null, p: RolloutProgress): string {
  if (experiment.status === 'draft') return 'the experiment has not been started';
  if (rollout?.automationPaused) return 'automation is paused by an operator: decisions are recorded and the latest is applied on resume';
  if (rollout?.status === 'awaiting_approval') return 'the policy requires approval: an admin must approve the next stage';
  if (rollout?.status === 'held') return `held: ${rollout.history.at(-1)?.reason ?? 'see the last decision'}`;
  if (experiment.status === 'paused') return 'the experiment is paused: analysis does not decide for it';
  if (!latest) return 'no analysis yet: waiting for exposures to reach analysis-service';
  if (latest.srm?.mismatch) return `sample ratio mismatch (p = ${latest.srm.pValue.toExponential(1)}): the rollout holds`;
  if (p.unitsNeeded !== undefined && p.unitsNeeded > 0) return `${p.unitsNeeded} more new units needed in this stage (${p.stageUnits} of ${p.minUnits})`;
  if (p.timeInStageMs !== undefined && p.timeInStageMs < p.minDurationMs) return `the stage must last ${Math.ceil(p.minDurationMs / 1000)} s (minimum duration)`;
  return experiment.rolloutPolicy.advanceOn === 'safe'
    ? 'minimums met: waiting until every guardrail is shown within its tolerance'
    : 'minimums met: waiting for the primary metric to show a significant win';
}
