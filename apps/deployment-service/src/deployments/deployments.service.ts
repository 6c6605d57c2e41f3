import { Inject, Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError, UnprocessableError } from '@xp/platform';
import { CONFIG_SERVICE_CLIENT } from '../config-client/config-client.provider';
import { ConfigServiceError } from '../config-client/config-service-error';
import type { ConfigServiceClient } from '../config-client/config-service.client';
import { isTerminal } from '../rollouts/rollout-state';
import { RolloutStore } from '../rollouts/rollout-store';
import type { DeploymentRecord } from './deployment-record';
import { DeploymentStore, type DeploymentRegistration } from './deployment-store';

/** What deploy pipelines and operators do to deployment records over HTTP. */
@Injectable()
export class DeploymentsService {
  constructor(
    @Inject(DeploymentStore) private readonly deployments: DeploymentStore,
    @Inject(RolloutStore) private readonly rollouts: RolloutStore,
    @Inject(CONFIG_SERVICE_CLIENT) private readonly config: ConfigServiceClient,
  ) {}

  list(includeArchived: boolean): Promise<DeploymentRecord[]> {
    return this.deployments.list(includeArchived);
  }

  /** 422 for an experiment config-service does not have (or has archived): its record would never see a decision. */
  async register(registration: DeploymentRegistration): Promise<DeploymentRecord> {
    const { experimentKey } = registration;
    const experiment = await this.config.getExperiment(experimentKey).catch((err: unknown) => {
      if (err instanceof ConfigServiceError && err.status === 404) {
        throw new UnprocessableError('unknown_experiment', `config-service has no experiment '${experimentKey}'`, {
          details: { issues: [{ path: 'experimentKey', message: `unknown experiment '${experimentKey}'` }] },
        });
      }
      throw err;
    });
    if ((experiment as { archived?: boolean }).archived || experiment.status === 'archived') {
      throw new UnprocessableError('experiment_archived', `Experiment '${experimentKey}' is archived`, {
        details: { issues: [{ path: 'experimentKey', message: `experiment '${experimentKey}' is archived` }] },
      });
    }
    const record = await this.deployments.register(registration);
    if (!record) throw new ConflictError('deployment_archived', `The deployment of '${experimentKey}' is archived and read-only`, { details: { experimentKey } });
    return record;
  }

  /** Archives a record whose rollout finished (shipped, rolled back) or never started. */
  archive(experimentKey: string): Promise<DeploymentRecord> {
    return this.rollouts.transaction(async (m) => {
      const rollout = await this.rollouts.lock(experimentKey, m);
      const existing = await this.deployments.find(experimentKey, m);
      if (!existing) throw new NotFoundError('deployment_not_found', `No deployment for experiment '${experimentKey}'`, { details: { experimentKey } });
      if (existing.archivedAt) throw new ConflictError('already_archived', `The deployment of '${experimentKey}' is already archived`, { details: { experimentKey } });
      if (rollout && !isTerminal(rollout.status)) {
        throw new ConflictError('rollout_in_progress', `The rollout of '${experimentKey}' is ${rollout.status}; archive it once shipped or rolled back`, {
          details: { experimentKey, status: rollout.status },
        });
      }
      return (await this.deployments.archive(experimentKey, m)) as DeploymentRecord;
    });
  }
}
