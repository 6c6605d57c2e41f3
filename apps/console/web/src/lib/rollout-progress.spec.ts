import { rolloutProgress } from './rollout-progress';
import type { Experiment, ExperimentResults, Rollout } from './types';

const experiment = {
  key: 'e', status: 'running', currentStageIndex: 1,
  rolloutPolicy: { stages: [1, 5, 10], minUnitsPerStage: 50, minDurationPerStage: 4, alpha: 0.05, method: 'sequential', advanceOn: 'win', requiresApproval: false },
} as unknown as Experiment;
const latest = { stageIndex: 1, stageStartedAt: '2026-01-01T00:00:00.000Z', stageUnits: 20, srm: { pValue: 0.5, mismatch: false, bayesFactor: 1 } } as ExperimentResults;
const now = Date.parse('2026-01-01T00:00:10.000Z');

describe('rolloutProgress', () => {
  it('marks passed, current and later stages and says how many units the stage still needs', () => {
    const p = rolloutProgress(experiment, undefined, latest, now);
    expect(p.stages.map((s) => s.state)).toEqual(['done', 'current', 'next']);
    expect(p.percentage).toBe(5);
    expect(p.timeInStageMs).toBe(10_000);
    expect(p.unitsNeeded).toBe(30);
    expect(p.waiting).toBe('30 more new units needed in this stage (20 of 50)');
  });

  it('names paused automation, approval and a sample ratio mismatch before the minimums', () => {
    const rollout = { stageIndex: 1, status: 'paused_automation', automationPaused: true, history: [] } as unknown as Rollout;
    expect(rolloutProgress(experiment, rollout, latest, now).waiting).toMatch(/automation is paused/);
    expect(rolloutProgress(experiment, { ...rollout, automationPaused: false, status: 'awaiting_approval' }, latest, now).waiting).toMatch(/approval/);
    expect(rolloutProgress(experiment, undefined, { ...latest, srm: { pValue: 1e-5, mismatch: true, bayesFactor: 1e5 } }, now).waiting).toMatch(/sample ratio mismatch/);
  });

  it('waits for the evidence once the minimums are met, and not at all once rolled back', () => {
    expect(rolloutProgress(experiment, undefined, { ...latest, stageUnits: 60 }, now).waiting).toMatch(/significant win/);
    const rolledBack = { stageIndex: 1, status: 'rolled_back', automationPaused: false, history: [] } as unknown as Rollout;
    expect(rolloutProgress({ ...experiment, rolloutPercentage: 0, status: 'paused' }, rolledBack, latest, now)).toMatchObject({ percentage: 0 });
    expect(rolloutProgress({ ...experiment, rolloutPercentage: 0, status: 'paused' }, rolledBack, latest, now).waiting).toBeUndefined();
  });
});
