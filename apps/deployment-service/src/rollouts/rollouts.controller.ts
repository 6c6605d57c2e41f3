import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '@xp/platform';
import type { DeploymentRecord } from '../deployments/deployment-record';
import { DeploymentStore } from '../deployments/deployment-store';
import { RolloutNotFoundError } from '../operators/operators.service';
import type { RolloutState } from './rollout-state';
import { RolloutStore, type HistoryRow } from './rollout-store';

@ApiTags('rollouts')
@Controller('v1/rollouts')
@RequireRole('reader')
export class RolloutsController {
  constructor(
    @Inject(RolloutStore) private readonly rollouts: RolloutStore,
    @Inject(DeploymentStore) private readonly deployments: DeploymentStore,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every rollout: stage, percentage and status (history per rollout below)' })
  async list(): Promise<{ items: RolloutState[] }> {
    return { items: await this.rollouts.list() };
  }

  @Get(':experiment')
  @ApiOperation({ summary: 'A rollout with its deployment and full history' })
  async get(@Param('experiment') key: string): Promise<RolloutState & { deployment?: DeploymentRecord; history: HistoryRow[] }> {
    const rollout = await this.rollouts.find(key);
    if (!rollout) throw new RolloutNotFoundError(key);
    return { ...rollout, deployment: await this.deployments.find(key), history: await this.rollouts.history(key) };
  }
}
