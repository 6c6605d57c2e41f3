import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '@xp/platform';
import { randomUUID } from 'node:crypto';
import { ActionRunner } from '../actions/action-runner';
import { PendingActionStore } from '../actions/pending-action-store';
import { DEPLOYMENT_OPTIONS, type DeploymentOptions } from '../deployment-options';
import { DeploymentStore } from '../deployments/deployment-store';
import type { RolloutInput } from '../rollouts/next-rollout-transition';
import { RolloutTransitionsService } from '../rollouts/rollout-transitions.service';
import type { RolloutState } from '../rollouts/rollout-state';
import { RolloutStore } from '../rollouts/rollout-store';
import type { OperatorAction } from './operator-command.schema';

export class RolloutNotFoundError extends NotFoundError {
  constructor(experimentKey: string) {
    super('rollout_not_found', `No rollout for experiment '${experimentKey}': it starts with the experiment's first decision`, { details: { experimentKey } });
  }
}

export interface OperatorResult {
  rollout: RolloutState;
  /** Actions (config-service commands, events) not performed yet, e.g. because config-service is down; they are retried. */
  pendingActions: number;
}

function inputFor(action: OperatorAction, reason: string): RolloutInput {
  if (action === 'rollback') return { type: 'force_rollback', decisionId: `operator-rollback-${randomUUID()}`, reason };
  return { type: action, reason };
}

/** Operator actions go through the same state machine, transaction and outbox as decisions. */
@Injectable()
export class OperatorsService {
  constructor(
    @Inject(RolloutStore) private readonly rollouts: RolloutStore,
    @Inject(DeploymentStore) private readonly deployments: DeploymentStore,
    @Inject(RolloutTransitionsService) private readonly transitions: RolloutTransitionsService,
    @Inject(ActionRunner) private readonly runner: ActionRunner,
    @Inject(PendingActionStore) private readonly actions: PendingActionStore,
    @Inject(DEPLOYMENT_OPTIONS) private readonly options: DeploymentOptions,
  ) {}

  async act(experimentKey: string, action: OperatorAction, actor: string, reason?: string): Promise<OperatorResult> {
    const rollout = await this.rollouts.transaction(async (m) => {
      const before = await this.rollouts.lock(experimentKey, m);
      const deployment = await this.deployments.find(experimentKey, m);
      if (!before || !deployment) throw new RolloutNotFoundError(experimentKey);
      return (await this.transitions.apply(m, before, deployment, inputFor(action, reason ?? `operator ${action}`), actor)).state;
    });
    // Answer within a bounded time even when config-service is down: the runner keeps retrying.
    const drained = this.runner.drain().catch(() => undefined);
    await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, this.options.operatorWaitMs).unref())]);
    return { rollout, pendingActions: await this.actions.countPending() };
  }
}
