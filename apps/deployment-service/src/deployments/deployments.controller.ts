import { Body, Controller, Get, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '@xp/platform';
import type { DeploymentRecord } from './deployment-record';
import { DeploymentRegistrationSchema } from './deployment-registration.schema';
import { DeploymentStore } from './deployment.store';

@ApiTags('deployments')
@Controller('v1/deployments')
export class DeploymentsController {
  constructor(@Inject(DeploymentStore) private readonly deployments: DeploymentStore) {}

  @Get()
  @RequireRole('reader')
  @ApiOperation({ summary: 'Every blue/green deployment, newest first' })
  async list(): Promise<{ items: DeploymentRecord[] }> {
    return { items: await this.deployments.list() };
  }

  @Post()
  @RequireRole('admin')
  @ApiOperation({ summary: 'Register (or update) the service and versions a rollout deploys' })
  register(@Body() body: unknown): Promise<DeploymentRecord> {
    return this.deployments.register(DeploymentRegistrationSchema.parse(body));
  }
}
