import { Inject, Injectable, Logger } from '@nestjs/common';
import type { RolloutDecisionData } from '@xp/contracts';
import { CONFIG_SERVICE_CLIENT } from '../config-client/config-client.provider';
import type { ConfigServiceClient } from '../config-client/config-service.client';
import { ConfigServiceError } from '../config-client/config-service-error';
import { DeploymentStore, type DeploymentRegistration } from '../deployments/deployment-store';
import { RolloutTransitionsService } from '../rollouts/rollout-transitions.service';
import { initialRolloutState } from '../rollouts/rollout-state';
import { RolloutStore } from '../rollouts/rollout-store';
import { deploymentDefaults } from './deployment-defaults';

export const AUTOMATION_ACTOR = 'analysis-service';

/** Records a decision once: processed_decisions, rollout state, history and outbox rows commit together. */
@Injectable()
export class DecisionApplierService {
  private readonly logger = new Logger(DecisionApplierService.name);

  constructor(
    @Inject(RolloutStore) private readonly rollouts: RolloutStore,
    @Inject(DeploymentStore) private readonly deployments: DeploymentStore,
    @Inject(RolloutTransitionsService) private readonly transitions: RolloutTransitionsService,
    @Inject(CONFIG_SERVICE_CLIENT) private readonly client: ConfigServiceClient,
  ) {}

  /** Returns false when the decision id was seen before (nothing changes). */
  async record(decision: RolloutDecisionData): Promise<boolean> {
    const defaults = (await this.deployments.find(decision.experimentKey)) ? undefined : await this.defaultsFor(decision.experimentKey);
    return this.rollouts.transaction(async (m) => {
      const fresh = await m.query('insert into processed_decisions (decision_id) values ($1) on conflict do nothing returning decision_id', [decision.decisionId]);
      if (fresh.length === 0) return false;
      const deployment = defaults ? await this.deployments.ensure(defaults, m) : await this.deployments.find(decision.experimentKey, m);
      const before = (await this.rollouts.lock(decision.experimentKey, m)) ?? initialRolloutState(decision);
      await this.transitions.apply(m, before, deployment!, { type: 'decision', decision }, AUTOMATION_ACTOR);
      return true;
    });
  }

  /**
   * One try: recording a decision must not wait for config-service. An experiment config-service
   * does not know, or cannot tell about now, still gets a record, with placeholder service and versions
   * (a pipeline's registration replaces them).
   */
  private async defaultsFor(experimentKey: string): Promise<DeploymentRegistration> {
    try {
      return deploymentDefaults(experimentKey, await this.client.getExperiment(experimentKey));
    } catch (err) {
      if (!(err instanceof ConfigServiceError) || !(err.status === 404 || err.retriable)) throw err;
      if (err.retriable) this.logger.warn({ experimentKey, err: err.message }, 'config-service unavailable; deployment record created with placeholders');
      return deploymentDefaults(experimentKey);
    }
  }
}
