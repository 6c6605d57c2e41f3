import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '@xp/platform';
import { ERROR_SCHEMA } from '../openapi/json-schema-of';
import { parseFlagUsageQuery } from './flag-usage-query';
import type { FlagUsageReport } from './flag-usage-report';
import { FlagUsageService } from './flag-usage.service';

const ENVIRONMENT_USAGE = {
  type: 'object',
  properties: { environment: { type: 'string' }, evaluations: { type: 'integer' }, lastEvaluatedAt: { type: 'string', format: 'date-time' } },
};
const ITEM_SCHEMA = {
  type: 'object',
  properties: {
    flagKey: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
    createdAt: { type: 'string', format: 'date-time', nullable: true },
    lastEvaluatedAt: { type: 'string', format: 'date-time', nullable: true },
    evaluations: { type: 'integer' },
    environments: { type: 'array', items: ENVIRONMENT_USAGE },
    stale: { type: 'boolean' },
  },
};

/** Which flags are still used: evaluations and last evaluation per environment, and the stale ones. */
@ApiTags('flags')
@ApiSecurity('api-key')
@Controller('v1/flag-usage')
export class FlagUsageController {
  constructor(@Inject(FlagUsageService) private readonly usage: FlagUsageService) {}

  @Get()
  @RequireRole('reader')
  @ApiOperation({
    summary:
      'Every live flag with its evaluations and last evaluation per environment. stale: last evaluated more than staleAfterDays (default 30) days ago, or never evaluated and created more than that ago; with staleAfterDays only the stale flags are listed',
  })
  @ApiQuery({ name: 'environment', required: false, description: 'Only the usage in this environment counts' })
  @ApiQuery({ name: 'staleAfterDays', required: false, type: Number, description: 'Whole days (1 or more): list only the flags stale for that long' })
  @ApiResponse({
    status: 200,
    schema: {
      type: 'object',
      properties: { staleAfterDays: { type: 'integer' }, environment: { type: 'string', nullable: true }, items: { type: 'array', items: ITEM_SCHEMA } },
    },
  })
  @ApiResponse({ status: 400, schema: ERROR_SCHEMA })
  list(@Query() query: unknown): Promise<FlagUsageReport> {
    return this.usage.report(parseFlagUsageQuery(query));
  }
}
