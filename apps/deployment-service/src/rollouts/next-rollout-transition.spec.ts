import type { RolloutDecisionData } from '@xp/contracts';
import { RolloutConflictError } from './rollout-conflict-error';
import { nextRolloutTransition } from './next-rollout-transition';
import { initialRolloutState, type RolloutState } from './rollout-state';

const policy = { stages: [1, 5, 25, 100], requiresApproval: false };

function decision(kind: RolloutDecisionData['kind'], overrides: Partial<RolloutDecisionData> = {}): RolloutDecisionData {
  return {
    decisionId: `d-${kind}-${overrides.stageIndex ?? 0}`,
    experimentKey: 'checkout',
    kind,
    stageIndex: 0,
    percentage: 1,
    reason: `${kind} because`,
    method: 'sequential',
    evidence: { unitsPerVariant: { control: 10, treatment: 10 }, metrics: [] },
    policy,
    ...overrides,
  };
}

const start = (): RolloutState => initialRolloutState({ experimentKey: 'checkout', stageIndex: 0, percentage: 1 });

describe('nextRolloutTransition', () => {
  it('advances to the next stage of the policy and commands config-service with that stage', () => {
    const t = nextRolloutTransition(start(), { type: 'decision', decision: decision('ADVANCE') });
    expect(t.state).toMatchObject({ status: 'running', stageIndex: 1, percentage: 5 });
    expect(t.effects).toHaveLength(1);
    expect(t.effects[0].commands).toEqual([{ type: 'rollout', decisionId: 'd-ADVANCE-0', reason: 'ADVANCE because', stageIndex: 1 }]);
    expect(t.effects[0].event).toBe('SHIFT_TRAFFIC');
    expect(t.effects[0].history).toMatchObject({ kind: 'ADVANCE', action: 'ADVANCED', decisionId: 'd-ADVANCE-0' });
  });

  it('uses the stage and percentage the decision names when it names them', () => {
    const t = nextRolloutTransition(start(), { type: 'decision', decision: decision('ADVANCE', { nextStageIndex: 2, nextPercentage: 25 }) });
    expect(t.state).toMatchObject({ stageIndex: 2, percentage: 25 });
  });

  it('ignores an ADVANCE for a stage the rollout already passed', () => {
    const at2 = { ...start(), stageIndex: 2, percentage: 25 };
    const t = nextRolloutTransition(at2, { type: 'decision', decision: decision('ADVANCE', { stageIndex: 0 }) });
    expect(t.state).toEqual(at2);
    expect(t.effects[0].history.action).toBe('IGNORED');
    expect(t.effects[0].commands).toEqual([]);
    expect(t.effects[0].event).toBeUndefined();
  });

  it('waits for approval when the policy requires it, then advances on approve with the decision id', () => {
    const d = decision('ADVANCE', { policy: { ...policy, requiresApproval: true } });
    const waiting = nextRolloutTransition(start(), { type: 'decision', decision: d });
    expect(waiting.state.status).toBe('awaiting_approval');
    expect(waiting.state.stageIndex).toBe(0);
    expect(waiting.effects[0].commands).toEqual([]);
    expect(waiting.effects[0].event).toBe('AWAITING_APPROVAL');
    const approved = nextRolloutTransition(waiting.state, { type: 'approve', reason: 'looks good' });
    expect(approved.state).toMatchObject({ status: 'running', stageIndex: 1, percentage: 5, pending: undefined });
    expect(approved.effects[0].commands).toEqual([{ type: 'rollout', decisionId: d.decisionId, reason: d.reason, stageIndex: 1 }]);
    expect(approved.effects[0].history.action).toBe('APPROVED');
  });

  it('refuses to approve when nothing awaits approval', () => {
    expect(() => nextRolloutTransition(start(), { type: 'approve', reason: 'x' })).toThrow(RolloutConflictError);
  });

  it('ships to 100 % and concludes the experiment', () => {
    const d = decision('SHIP', { stageIndex: 3, percentage: 100 });
    const t = nextRolloutTransition({ ...start(), stageIndex: 3, percentage: 100 }, { type: 'decision', decision: d });
    expect(t.state).toMatchObject({ status: 'shipped', percentage: 100 });
    expect(t.effects[0].commands).toEqual([
      { type: 'rollout', decisionId: d.decisionId, reason: d.reason, percentage: 100 },
      { type: 'conclude', evidence: d.evidence },
    ]);
    expect(t.effects[0].event).toBe('PROMOTE');
  });

  it('rolls back to 0 % with the kill switch and alerts', () => {
    const t = nextRolloutTransition({ ...start(), stageIndex: 1, percentage: 5 }, { type: 'decision', decision: decision('ROLLBACK', { stageIndex: 1 }) });
    expect(t.state).toMatchObject({ status: 'rolled_back', percentage: 0 });
    expect(t.effects[0].commands.map((c) => c.type)).toEqual(['rollout', 'kill_switch', 'pause_experiment']);
    expect(t.effects[0].commands[0]).toMatchObject({ percentage: 0 });
    expect(t.effects[0].alert).toBe(true);
  });

  it('holds without any config command but with an alert and an event', () => {
    const t = nextRolloutTransition(start(), { type: 'decision', decision: decision('HOLD') });
    expect(t.state.status).toBe('held');
    expect(t.effects[0]).toMatchObject({ commands: [], event: 'HOLD', alert: true });
    const resumed = nextRolloutTransition(t.state, { type: 'decision', decision: decision('ADVANCE', { decisionId: 'later' }) });
    expect(resumed.state).toMatchObject({ status: 'running', stageIndex: 1 });
  });

  it('ignores every decision once the rollout finished', () => {
    const shipped: RolloutState = { ...start(), status: 'shipped', percentage: 100 };
    const t = nextRolloutTransition(shipped, { type: 'decision', decision: decision('ROLLBACK') });
    expect(t.state).toEqual(shipped);
    expect(t.effects[0].history.action).toBe('IGNORED');
    expect(() => nextRolloutTransition(shipped, { type: 'force_rollback', decisionId: 'op-1', reason: 'x' })).toThrow(RolloutConflictError);
  });

  it('defers decisions while automation is paused and applies only the latest one on resume', () => {
    const paused = nextRolloutTransition(start(), { type: 'pause', reason: 'investigating' }).state;
    expect(paused).toMatchObject({ status: 'paused_automation', automationPaused: true });
    const first = nextRolloutTransition(paused, { type: 'decision', decision: decision('HOLD') });
    expect(first.effects[0].history.action).toBe('DEFERRED');
    expect(first.effects[0].commands).toEqual([]);
    const second = nextRolloutTransition(first.state, { type: 'decision', decision: decision('ADVANCE') });
    const resumed = nextRolloutTransition(second.state, { type: 'resume', reason: 'done' });
    expect(resumed.effects.map((e) => e.history.action)).toEqual(['AUTOMATION_RESUMED', 'ADVANCED']);
    expect(resumed.state).toMatchObject({ status: 'running', automationPaused: false, stageIndex: 1, pending: undefined });
  });

  it('refuses to pause twice or resume when not paused', () => {
    const paused = nextRolloutTransition(start(), { type: 'pause', reason: 'x' }).state;
    expect(() => nextRolloutTransition(paused, { type: 'pause', reason: 'x' })).toThrow(/already paused/);
    expect(() => nextRolloutTransition(start(), { type: 'resume', reason: 'x' })).toThrow(/not paused/);
  });

  it('lets an operator force a rollback even while automation is paused', () => {
    const paused = nextRolloutTransition(start(), { type: 'pause', reason: 'x' }).state;
    const t = nextRolloutTransition(paused, { type: 'force_rollback', decisionId: 'op-1', reason: 'bad deploy' });
    expect(t.state).toMatchObject({ status: 'rolled_back', automationPaused: false, percentage: 0 });
    expect(t.effects[0].history).toMatchObject({ kind: 'OPERATOR', action: 'ROLLED_BACK', decisionId: 'op-1' });
    expect(t.effects[0].commands[0]).toMatchObject({ decisionId: 'op-1', percentage: 0 });
  });
});
