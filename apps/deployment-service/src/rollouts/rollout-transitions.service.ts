import { Inject, Injectable } from '@nestjs/common';
import { makeEnvelope } from '@xp/contracts';
import type { EntityManager } from 'typeorm';
import { PendingActionStore } from '../actions/pending-action-store';
import { DEPLOYMENT_METRICS, type DeploymentMetrics } from '../deployment-metrics';
import { deploymentEventData, deploymentFor, type DeploymentRecord } from '../deployments/deployment-record';
import { DeploymentStore } from '../deployments/deployment-store';
import { nextRolloutTransition, type RolloutInput } from './next-rollout-transition';
import type { RolloutTransition } from './rollout-effects';
import type { RolloutState } from './rollout-state';
import { RolloutStore } from './rollout-store';

/**
 * Runs one step of the state machine inside the caller's transaction and writes everything it
 * decided: the new rollout state, one history row per effect, the deployment record, and the
 * outbox rows (config commands + deployment event) that ActionRunner performs after the commit.
 */
@Injectable()
export class RolloutTransitionsService {
  constructor(
    @Inject(RolloutStore) private readonly rollouts: RolloutStore,
    @Inject(DeploymentStore) private readonly deployments: DeploymentStore,
    @Inject(PendingActionStore) private readonly actions: PendingActionStore,
    @Inject(DEPLOYMENT_METRICS) private readonly metrics: DeploymentMetrics,
  ) {}

  async apply(m: EntityManager, before: RolloutState, deployment: DeploymentRecord, input: RolloutInput, actor: string): Promise<RolloutTransition> {
    const transition = nextRolloutTransition(before, input);
    await this.rollouts.save(transition.state, m);
    let previous = before;
    let record = deployment;
    for (const effect of transition.effects) {
      await this.rollouts.appendHistory(previous, effect.after, effect.history, actor, m);
      record = await this.deployments.update({ ...record, ...deploymentFor(effect.after) }, m);
      const { decisionId } = effect.history;
      if (effect.commands.length > 0 || effect.event) {
        await this.actions.enqueue(
          {
            experimentKey: before.experimentKey,
            decisionId,
            commands: effect.commands,
            event: effect.event ? makeEnvelope('deployment.event', deploymentEventData(record, effect.event, decisionId)) : undefined,
            alert: effect.alert ?? false,
          },
          m,
        );
      }
      this.metrics.decisions.inc({ kind: effect.history.kind, action: effect.history.action });
      previous = effect.after;
    }
    return transition;
  }
}
