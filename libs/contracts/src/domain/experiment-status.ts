import { z } from 'zod';

export const ExperimentStatusSchema = z.enum(['draft', 'running', 'paused', 'concluded', 'archived']);
export type ExperimentStatus = z.infer<typeof ExperimentStatusSchema>;

/** draft -> running <-> paused -> concluded -> archived; no other move is allowed. */
export const EXPERIMENT_TRANSITIONS: Readonly<Record<ExperimentStatus, readonly ExperimentStatus[]>> = {
  draft: ['running'],
  running: ['paused'],
  paused: ['running', 'concluded'],
  concluded: ['archived'],
  archived: [],
};

export function canTransition(from: ExperimentStatus, to: ExperimentStatus): boolean {
  return EXPERIMENT_TRANSITIONS[from].includes(to);
}
