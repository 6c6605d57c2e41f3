import { experimentRolloutPercentage, ExperimentSchema, type Experiment } from '@xp/contracts';
import { ConflictError, UnprocessableError } from '@xp/platform';
import type { NewEvent } from '../event-store/stored-event';
import type { RolloutCommand } from './rollout-command.schema';

/** Moves a running or paused experiment to a stage of its policy, or to an explicit percentage. */
export function rolloutCommandEvents(experiment: Experiment, command: RolloutCommand): NewEvent[] {
  if (experiment.status !== 'running' && experiment.status !== 'paused') {
    throw new ConflictError('experiment_not_active', `Cannot change the rollout of a ${experiment.status} experiment; it must be running or paused`, {
      details: { status: experiment.status },
    });
  }
  const stages = experiment.rolloutPolicy.stages;
  if (command.stageIndex !== undefined && command.stageIndex >= stages.length) {
    throw new UnprocessableError('stage_out_of_range', `Stage ${command.stageIndex} does not exist; the policy has ${stages.length} stages`, {
      details: { issues: [{ path: 'stageIndex', message: `must be below ${stages.length}` }] },
    });
  }
  const next =
    command.stageIndex !== undefined
      ? { ...experiment, currentStageIndex: command.stageIndex, rolloutPercentage: undefined }
      : { ...experiment, rolloutPercentage: command.percentage };
  const state = ExperimentSchema.parse(next);
  const previous = { stageIndex: experiment.currentStageIndex, percentage: experimentRolloutPercentage(experiment) };
  return [{ eventType: 'ExperimentRolloutChanged', payload: { state, decisionId: command.decisionId, reason: command.reason, previous } }];
}
