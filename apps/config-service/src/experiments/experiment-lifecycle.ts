import { canTransition, EXPERIMENT_TRANSITIONS, ExperimentSchema, type Experiment, type ExperimentStatus } from '@xp/contracts';
import { ConflictError, InvalidInputError } from '@xp/platform';
import type { NewEvent } from '../event-store/stored-event';

export const LIFECYCLE_ACTIONS = {
  start: { from: 'draft', to: 'running', eventType: 'ExperimentStarted' },
  pause: { from: 'running', to: 'paused', eventType: 'ExperimentPaused' },
  resume: { from: 'paused', to: 'running', eventType: 'ExperimentResumed' },
  conclude: { from: 'paused', to: 'concluded', eventType: 'ExperimentConcluded' },
  archive: { from: 'concluded', to: 'archived', eventType: 'ExperimentArchived' },
} as const satisfies Record<string, { from: ExperimentStatus; to: ExperimentStatus; eventType: string }>;

export type LifecycleAction = keyof typeof LIFECYCLE_ACTIONS;

export const LIFECYCLE_ACTION_NAMES = Object.keys(LIFECYCLE_ACTIONS) as LifecycleAction[];

/** The actions (with their target status) allowed from `status`, e.g. `resume (-> running)`. */
export function allowedActions(status: ExperimentStatus): LifecycleAction[] {
  return LIFECYCLE_ACTION_NAMES.filter((name) => {
    const action = LIFECYCLE_ACTIONS[name];
    return action.from === status && EXPERIMENT_TRANSITIONS[status].includes(action.to);
  });
}

/** draft -> running <-> paused -> concluded (with a winner) -> archived; any other move is a 409 naming the allowed ones. */
export function decideLifecycle(experiment: Experiment, action: LifecycleAction, winner?: unknown): NewEvent[] {
  const move = LIFECYCLE_ACTIONS[action];
  if (experiment.status !== move.from || !canTransition(experiment.status, move.to)) {
    const allowed = allowedActions(experiment.status);
    const named = allowed.length > 0 ? allowed.map((a) => `${a} (-> ${LIFECYCLE_ACTIONS[a].to})`).join(', ') : 'none';
    throw new ConflictError('illegal_transition', `Cannot ${action} an experiment that is ${experiment.status}; allowed: ${named}`, {
      details: { status: experiment.status, action, allowed, allowedStatuses: EXPERIMENT_TRANSITIONS[experiment.status] },
    });
  }
  if (action === 'archive') return [{ eventType: move.eventType, payload: { state: null } }];
  if (action === 'conclude' && (typeof winner !== 'string' || winner.length === 0)) {
    throw new InvalidInputError('winner_required', 'Concluding needs the winning variant: {"winner": "<variant key>"}', {
      details: { issues: [{ path: 'winner', message: 'required' }] },
    });
  }
  const state = ExperimentSchema.parse({ ...experiment, status: move.to, ...(action === 'conclude' ? { winner } : {}) });
  return [{ eventType: move.eventType, payload: action === 'conclude' ? { state, winner } : { state } }];
}
