import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { KeySchema } from '@xp/contracts';
import { InvalidInputError, RequireRole } from '@xp/platform';
import { z } from 'zod';
import type { DeploymentRecord } from './deployment-record';
import { DeploymentRegistrationSchema } from './deployment-registration.schema';
import { DeploymentsService } from './deployments.service';

// Strict: a parameter the list does not read (say `at`) is a 400 naming it, not silently the current list.
const ListQuerySchema = z.strictObject({ includeArchived: z.enum(['true', 'false']).optional() });

function experimentKeyOf(raw: string): string {
  const parsed = KeySchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new InvalidInputError('invalid_key', `Invalid experiment key ${JSON.stringify(raw.slice(0, 120))}: ${parsed.error.issues[0].message}`, {
    details: { issues: [{ path: 'experimentKey', message: parsed.error.issues[0].message }] },
  });
}

@ApiTags('deployments')
@Controller('v1/deployments')
export class DeploymentsController {
  constructor(@Inject(DeploymentsService) private readonly deployments: DeploymentsService) {}

  @Get()
  @RequireRole('reader')
  @ApiOperation({ summary: 'Every blue/green deployment, newest first (archived ones with includeArchived=true)' })
  @ApiQuery({ name: 'includeArchived', required: false, type: Boolean })
  async list(@Query() query: unknown): Promise<{ items: DeploymentRecord[] }> {
    const { includeArchived } = ListQuerySchema.parse(query ?? {});
    return { items: await this.deployments.list(includeArchived === 'true') };
  }

  @Post()
  @RequireRole('admin')
  @ApiOperation({ summary: 'Register (or update) the service and versions a rollout deploys; 422 for an experiment config-service does not have' })
  register(@Body() body: unknown): Promise<DeploymentRecord> {
    return this.deployments.register(DeploymentRegistrationSchema.parse(body));
  }

  @Post(':experimentKey/archive')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Archive a deployment record whose rollout finished or never started (read-only history afterwards)' })
  archive(@Param('experimentKey') experimentKey: string): Promise<DeploymentRecord> {
    return this.deployments.archive(experimentKeyOf(experimentKey));
  }
}
