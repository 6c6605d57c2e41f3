import type { Colour, DeploymentEventData, TrafficWeights } from '@xp/contracts';
import type { RolloutState, RolloutStatus } from '../rollouts/rollout-state';

export interface DeploymentRecord {
  id: string;
  experimentKey: string;
  service: string;
  /** The control: what runs today. */
  blueVersion: string;
  /** The experiment's treatment: what the rollout ramps up. */
  greenVersion: string;
  activeColour: Colour;
  weights: TrafficWeights;
  status: string;
  createdAt: string;
  updatedAt: string;
  /** Only on archived records: when it was archived (read-only history since). */
  archivedAt?: string;
}

const STATUS_OF: Record<RolloutStatus, string> = {
  running: 'IN_PROGRESS',
  held: 'HELD',
  awaiting_approval: 'AWAITING_APPROVAL',
  paused_automation: 'PAUSED',
  shipped: 'COMPLETED',
  rolled_back: 'ROLLED_BACK',
};

/** Green carries the rollout percentage until SHIP makes it the active colour; ROLLBACK gives blue everything back. */
export function deploymentFor(rollout: RolloutState): Pick<DeploymentRecord, 'activeColour' | 'weights' | 'status'> {
  const status = STATUS_OF[rollout.status];
  if (rollout.status === 'shipped') return { activeColour: 'green', weights: { blue: 0, green: 100 }, status };
  if (rollout.status === 'rolled_back') return { activeColour: 'blue', weights: { blue: 100, green: 0 }, status };
  return { activeColour: 'blue', weights: { blue: 100 - rollout.percentage, green: rollout.percentage }, status };
}

export function deploymentEventData(record: DeploymentRecord, action: string, decisionId?: string): DeploymentEventData {
  return {
    deploymentId: record.id,
    experimentKey: record.experimentKey,
    service: record.service,
    action,
    activeColour: record.activeColour,
    weights: record.weights,
    status: record.status,
    ...(decisionId ? { decisionId } : {}),
  };
}
