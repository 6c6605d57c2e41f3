import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiQuery, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ScheduleInputSchema, ScheduleSchema, SCHEDULE_STATUSES } from '@xp/contracts';
import { Caller, RequireRole, type CallerIdentity } from '@xp/platform';
import type { FastifyReply } from 'fastify';
import { asObject } from '../entities/as-object';
import { optionalBody } from '../entities/create-entity-controller';
import { actorFor } from '../http/actor';
import { CHANGE_COMMENT_HEADER, changeCommentFrom } from '../http/change-comment';
import { etagOf, toResource, type EntityResource } from '../http/entity-resource';
import { expectedVersionFrom } from '../http/expected-version';
import { parsePathKey } from '../http/path-key';
import { ERROR_SCHEMA, jsonSchemaOf, resourceSchemaOf } from '../openapi/json-schema-of';
import { ScheduleListQuerySchema } from './schedule-query.schema';
import { ScheduleService } from './schedule.service';

const resource = resourceSchemaOf(ScheduleSchema);
const comment = ApiHeader({ name: 'X-Change-Comment', required: false, description: 'Why: kept with the change in the audit (or send comment in the body)' });
const errors = (...statuses: number[]): MethodDecorator => (target, key, descriptor) => {
  statuses.forEach((status) => ApiResponse({ status, schema: ERROR_SCHEMA })(target, key, descriptor));
};

/** Scheduled changes: a flag change or an experiment start at a future time, applied once by the scheduler. */
@ApiTags('schedules')
@ApiSecurity('api-key')
@Controller('v1/schedules')
export class SchedulesController {
  constructor(@Inject(ScheduleService) private readonly schedules: ScheduleService) {}

  @Get()
  @RequireRole('reader')
  @ApiOperation({ summary: 'List schedules, optionally by status or by the key of the flag / experiment they change' })
  @ApiQuery({ name: 'status', required: false, enum: SCHEDULE_STATUSES })
  @ApiQuery({ name: 'entityKey', required: false })
  @ApiResponse({ status: 200, schema: { type: 'object', properties: { items: { type: 'array', items: resource } } } })
  @errors(400)
  async list(@Query() query: unknown): Promise<{ items: EntityResource[] }> {
    const filter = ScheduleListQuerySchema.parse(query ?? {});
    return { items: (await this.schedules.list(filter)).map((view) => toResource(view)) };
  }

  @Get(':key')
  @RequireRole('reader')
  @ApiOperation({ summary: 'Get a schedule: pending, applied (appliedAt, appliedVersion), cancelled or failed (error)' })
  @ApiResponse({ status: 200, schema: resource })
  @errors(400, 404)
  async get(@Param('key') key: string, @Res({ passthrough: true }) res: FastifyReply): Promise<EntityResource> {
    const view = await this.schedules.get(parsePathKey(key));
    res.header('ETag', etagOf(view));
    return toResource(view);
  }

  @Post()
  @HttpCode(201)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Schedule a change; it is checked now as the direct write would be, and `at` must be in the future' })
  @comment
  @ApiBody({ schema: jsonSchemaOf(ScheduleInputSchema) })
  @ApiResponse({ status: 201, schema: resource })
  @errors(400, 409, 422)
  async create(
    @Body() body: unknown,
    @Headers(CHANGE_COMMENT_HEADER) commentHeader: string | undefined,
    @Caller() caller: CallerIdentity | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<EntityResource> {
    const fields = asObject(body);
    const view = await this.schedules.create(fields, actorFor(caller), changeCommentFrom(commentHeader, fields));
    res.header('ETag', etagOf(view));
    return toResource(view);
  }

  @Post(':key/cancel')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Cancel a pending schedule (expected version via If-Match or body; 409 once applied, failed or cancelled)' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The schedule version this is based on, e.g. "1" (or expectedVersion in the body)' })
  @comment
  @ApiBody({ required: false, schema: { type: 'object', properties: { expectedVersion: { type: 'integer' }, comment: { type: 'string' } } } })
  @ApiResponse({ status: 200, schema: resource })
  @errors(400, 404, 409)
  async cancel(
    @Param('key') key: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers(CHANGE_COMMENT_HEADER) commentHeader: string | undefined,
    @Caller() caller: CallerIdentity | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<EntityResource> {
    const fields = optionalBody(body);
    const expectedVersion = expectedVersionFrom(ifMatch, fields);
    const view = await this.schedules.cancel(parsePathKey(key), expectedVersion, actorFor(caller), changeCommentFrom(commentHeader, fields));
    res.header('ETag', etagOf(view));
    return toResource(view);
  }
}
