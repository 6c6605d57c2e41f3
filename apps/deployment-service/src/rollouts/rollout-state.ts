import type { RolloutDecisionData } from '@xp/contracts';

export const ROLLOUT_STATUSES = ['running', 'held', 'awaiting_approval', 'shipped', 'rolled_back', 'paused_automation'] as const;
export type RolloutStatus = (typeof ROLLOUT_STATUSES)[number];

/** A decision kept for later: waiting for an operator's approval, or for automation to resume. */
export interface PendingDecision {
  reason: 'approval' | 'automation_paused';
  decision: RolloutDecisionData;
}

export interface RolloutState {
  experimentKey: string;
  stageIndex: number;
  percentage: number;
  status: RolloutStatus;
  automationPaused: boolean;
  /** Status to return to when automation resumes. */
  statusBeforePause?: RolloutStatus;
  pending?: PendingDecision;
}

export const isTerminal = (status: RolloutStatus): boolean => status === 'shipped' || status === 'rolled_back';

/** The state a rollout starts in when its first decision arrives: where the decision says it stands. */
export function initialRolloutState(decision: Pick<RolloutDecisionData, 'experimentKey' | 'stageIndex' | 'percentage'>): RolloutState {
  return {
    experimentKey: decision.experimentKey,
    stageIndex: decision.stageIndex,
    percentage: decision.percentage,
    status: 'running',
    automationPaused: false,
  };
}
