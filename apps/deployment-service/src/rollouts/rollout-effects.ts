import type { DecisionEvidence, WebhookEventType } from '@xp/contracts';
import type { RolloutState } from './rollout-state';

/** One call to config-service; `decisionId` makes the rollout command idempotent there. */
export type ConfigCommand =
  | { type: 'rollout'; decisionId: string; reason: string; stageIndex: number }
  | { type: 'rollout'; decisionId: string; reason: string; percentage: number }
  /** Pause (when running) then conclude with the decision's winner; done if already concluded. */
  | { type: 'conclude'; winner?: string; evidence?: DecisionEvidence }
  /** Turn the experiment's flag off for everyone (the kill switch); done if already off. */
  | { type: 'kill_switch' }
  /** Pause a running experiment, so analysis stops deciding for it; done unless it is running. */
  | { type: 'pause_experiment' };

/** Event actions published to xp.deployments and the webhooks (the event types webhook subscriptions filter on). */
export type DeploymentAction = WebhookEventType;

/** One row of rollout_history. */
export interface HistoryEntry {
  /** The decision kind (ADVANCE, HOLD, SHIP, ROLLBACK) or OPERATOR. */
  kind: string;
  /** What was done: e.g. ADVANCED, HELD, SHIPPED, ROLLED_BACK, AWAITING_APPROVAL, DEFERRED, IGNORED, APPROVED. */
  action: string;
  decisionId?: string;
  reason: string;
  evidence?: DecisionEvidence;
}

/** What one step of a rollout transition asks for besides the new state; performed after the state is committed. */
export interface RolloutEffect {
  history: HistoryEntry;
  /** The rollout right after this step (a resume that applies a deferred decision has two steps). */
  after: RolloutState;
  commands: ConfigCommand[];
  /** Published to xp.deployments and the webhooks when set. */
  event?: DeploymentAction;
  /** HOLD and rollbacks: log at warn and count. */
  alert?: boolean;
}

export interface RolloutTransition {
  before: RolloutState;
  state: RolloutState;
  effects: RolloutEffect[];
}
