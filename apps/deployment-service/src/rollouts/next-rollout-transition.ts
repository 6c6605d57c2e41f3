import { RolloutPolicySchema, type RolloutDecisionData } from '@xp/contracts';
import { RolloutConflictError } from './rollout-conflict-error';
import type { HistoryEntry, RolloutEffect, RolloutTransition } from './rollout-effects';
import { isTerminal, type RolloutState } from './rollout-state';

export type RolloutInput =
  | { type: 'decision'; decision: RolloutDecisionData }
  | { type: 'pause'; reason: string }
  | { type: 'resume'; reason: string }
  | { type: 'approve'; reason: string }
  | { type: 'force_rollback'; decisionId: string; reason: string };

const fromDecision = (d: RolloutDecisionData, action: string, note?: string): HistoryEntry => ({
  kind: d.kind,
  action,
  decisionId: d.decisionId,
  reason: note ? `${note}; ${d.reason}` : d.reason,
  evidence: d.evidence,
});

const only = (history: HistoryEntry, after: RolloutState): RolloutEffect => ({ history, after, commands: [] });

function advance(state: RolloutState, d: RolloutDecisionData, action: string): RolloutEffect {
  const { stageIndex, percentage } = advanceTarget(d);
  const after: RolloutState = { ...state, status: 'running', stageIndex, percentage, pending: undefined };
  return {
    history: fromDecision(d, action),
    after,
    commands: [{ type: 'rollout', decisionId: d.decisionId, reason: d.reason, stageIndex }],
    event: 'SHIFT_TRAFFIC',
  };
}

/** The stage an ADVANCE moves to: the one the decision names, else the next stage of its policy. */
export function advanceTarget(d: RolloutDecisionData): { stageIndex: number; percentage: number } {
  const stageIndex = d.nextStageIndex ?? d.stageIndex + 1;
  const stages = RolloutPolicySchema.safeParse(d.policy).data?.stages ?? [];
  return { stageIndex, percentage: d.nextPercentage ?? stages[stageIndex] ?? d.percentage };
}

function rollback(state: RolloutState, history: HistoryEntry, decisionId: string): RolloutEffect {
  const after: RolloutState = { ...state, status: 'rolled_back', percentage: 0, automationPaused: false, statusBeforePause: undefined, pending: undefined };
  return {
    history,
    after,
    commands: [{ type: 'rollout', decisionId, reason: history.reason, percentage: 0 }, { type: 'kill_switch' }, { type: 'pause_experiment' }],
    event: 'ROLLBACK',
    alert: true,
  };
}

function applyDecision(state: RolloutState, d: RolloutDecisionData): RolloutEffect {
  if (isTerminal(state.status)) return only(fromDecision(d, 'IGNORED', `rollout already ${state.status}`), state);
  if (state.automationPaused) {
    // Only the latest decision matters once automation resumes: it reflects the newest evidence.
    return only(fromDecision(d, 'DEFERRED', 'automation paused'), { ...state, pending: { reason: 'automation_paused', decision: d } });
  }
  switch (d.kind) {
    case 'ROLLBACK':
      return rollback(state, fromDecision(d, 'ROLLED_BACK'), d.decisionId);
    case 'SHIP': {
      const after: RolloutState = { ...state, status: 'shipped', percentage: 100, pending: undefined };
      return {
        history: fromDecision(d, 'SHIPPED'),
        after,
        commands: [{ type: 'rollout', decisionId: d.decisionId, reason: d.reason, percentage: 100 }, { type: 'conclude', winner: d.winner, evidence: d.evidence }],
        event: 'PROMOTE',
      };
    }
    case 'HOLD': {
      const status = state.status === 'awaiting_approval' ? state.status : 'held';
      return { history: fromDecision(d, 'HELD'), after: { ...state, status }, commands: [], event: 'HOLD', alert: true };
    }
    case 'ADVANCE': {
      const target = advanceTarget(d);
      if (target.stageIndex <= state.stageIndex) {
        return only(fromDecision(d, 'IGNORED', `stale: rollout already at stage ${state.stageIndex}`), state);
      }
      if (RolloutPolicySchema.safeParse(d.policy).data?.requiresApproval) {
        const after: RolloutState = { ...state, status: 'awaiting_approval', pending: { reason: 'approval', decision: d } };
        return { history: fromDecision(d, 'AWAITING_APPROVAL'), after, commands: [], event: 'AWAITING_APPROVAL' };
      }
      return advance(state, d, 'ADVANCED');
    }
  }
}

function operatorEntry(action: string, reason: string, decisionId?: string): HistoryEntry {
  return { kind: 'OPERATOR', action, reason, decisionId };
}

function requireActive(state: RolloutState, what: string): void {
  if (isTerminal(state.status)) {
    throw new RolloutConflictError('rollout_finished', `Cannot ${what}: the rollout of '${state.experimentKey}' is already ${state.status}`, state.status);
  }
}

function applyOperator(state: RolloutState, input: Exclude<RolloutInput, { type: 'decision' }>): RolloutEffect[] {
  switch (input.type) {
    case 'pause': {
      requireActive(state, 'pause automation');
      if (state.automationPaused) throw new RolloutConflictError('already_paused', `Automation of '${state.experimentKey}' is already paused`, state.status);
      const after: RolloutState = { ...state, automationPaused: true, statusBeforePause: state.status, status: 'paused_automation' };
      return [{ history: operatorEntry('AUTOMATION_PAUSED', input.reason), after, commands: [], event: 'AUTOMATION_PAUSED' }];
    }
    case 'resume': {
      if (!state.automationPaused) throw new RolloutConflictError('not_paused', `Automation of '${state.experimentKey}' is not paused`, state.status);
      const deferred = state.pending?.reason === 'automation_paused' ? state.pending.decision : undefined;
      const resumed: RolloutState = {
        ...state,
        automationPaused: false,
        status: state.statusBeforePause ?? 'running',
        statusBeforePause: undefined,
        pending: deferred ? undefined : state.pending,
      };
      const first: RolloutEffect = { history: operatorEntry('AUTOMATION_RESUMED', input.reason), after: resumed, commands: [], event: 'AUTOMATION_RESUMED' };
      return deferred ? [first, applyDecision(resumed, deferred)] : [first];
    }
    case 'approve': {
      const pending = state.pending;
      if (state.status !== 'awaiting_approval' || pending?.reason !== 'approval') {
        throw new RolloutConflictError('nothing_to_approve', `The rollout of '${state.experimentKey}' is not awaiting approval`, state.status);
      }
      return [advance(state, pending.decision, 'APPROVED')];
    }
    case 'force_rollback':
      requireActive(state, 'roll back');
      return [rollback(state, operatorEntry('ROLLED_BACK', input.reason, input.decisionId), input.decisionId)];
  }
}

/** The rollout state machine: pure, so that every transition is unit-tested without engines. */
export function nextRolloutTransition(state: RolloutState, input: RolloutInput): RolloutTransition {
  const effects = input.type === 'decision' ? [applyDecision(state, input.decision)] : applyOperator(state, input);
  return { before: state, state: effects[effects.length - 1].after, effects };
}
