import { ExperimentSchema, type Experiment } from '@xp/contracts';
import { ConflictError, UnprocessableError } from '@xp/platform';
import { experiment } from '../testing/fixtures';
import { rolloutCommandEvents } from './experiment-rollout';
import { RolloutCommandSchema } from './rollout-command.schema';

const running = (extra: Record<string, unknown> = {}): Experiment => ExperimentSchema.parse({ ...experiment('e', 'f', 'm'), status: 'running', ...extra });

describe('rolloutCommandEvents', () => {
  it('moves to a stage and records the previous stage and percentage', () => {
    const [event] = rolloutCommandEvents(running({ currentStageIndex: 1 }), { decisionId: 'd', reason: 'healthy', stageIndex: 3 });
    expect(event.eventType).toBe('ExperimentRolloutChanged');
    expect(event.payload).toMatchObject({ decisionId: 'd', reason: 'healthy', previous: { stageIndex: 1, percentage: 5 }, state: { currentStageIndex: 3 } });
  });

  it('clears an explicit percentage when a stage is chosen', () => {
    const [event] = rolloutCommandEvents(running({ rolloutPercentage: 33 }), { decisionId: 'd', reason: 'r', stageIndex: 0 });
    expect((event.payload.state as Experiment).rolloutPercentage).toBeUndefined();
    expect(event.payload.previous).toEqual({ stageIndex: 0, percentage: 33 });
  });

  it('sets an explicit percentage (e.g. 0 for a rollback)', () => {
    const [event] = rolloutCommandEvents(running(), { decisionId: 'd', reason: 'guardrail failed', percentage: 0 });
    expect((event.payload.state as Experiment).rolloutPercentage).toBe(0);
  });

  it('rejects a stage beyond the policy', () => {
    expect(() => rolloutCommandEvents(running(), { decisionId: 'd', reason: 'r', stageIndex: 6 })).toThrow(UnprocessableError);
  });

  it('rejects a draft experiment', () => {
    expect(() => rolloutCommandEvents(ExperimentSchema.parse(experiment('e', 'f', 'm')), { decisionId: 'd', reason: 'r', stageIndex: 1 })).toThrow(ConflictError);
  });

  it('requires exactly one of stageIndex and percentage', () => {
    expect(RolloutCommandSchema.safeParse({ decisionId: 'd', reason: 'r' }).success).toBe(false);
    expect(RolloutCommandSchema.safeParse({ decisionId: 'd', reason: 'r', stageIndex: 1, percentage: 2 }).success).toBe(false);
    expect(RolloutCommandSchema.safeParse({ decisionId: 'd', reason: 'r', percentage: 2.5 }).success).toBe(true);
  });
});
