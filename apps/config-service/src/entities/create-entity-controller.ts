import { Body, Delete, Get, Headers, HttpCode, Inject, Param, Post, Put, Query, Res, type Type } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiQuery, ApiResponse, ApiSecurity } from '@nestjs/swagger';
import type { StreamType } from '@xp/contracts';
import { Caller, etagMatches, InvalidInputError, RequireRole, requestedEnvironment, type CallerIdentity } from '@xp/platform';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { actorFor } from '../http/actor';
import { etagOf, toResource, type EntityResource } from '../http/entity-resource';
import { CHANGE_COMMENT_HEADER, changeCommentFrom } from '../http/change-comment';
import { expectedVersionFrom, withoutCommandFields } from '../http/expected-version';
import { parsePathKey } from '../http/path-key';
import { parseGetQuery, parseListQuery, parseWriteQuery } from '../http/read-query';
import { ERROR_SCHEMA, jsonSchemaOf, resourceSchemaOf } from '../openapi/json-schema-of';
import { asObject } from './as-object';
import { EntityCommandService } from './entity-command.service';
import type { EntityDefinition } from './entity-definition';
import { ENTITY_DEFINITIONS } from './entity-definitions';
import { EntityQueryService } from './entity-query.service';

const errors = (...statuses: number[]) => statuses.map((status) => ApiResponse({ status, schema: ERROR_SCHEMA }));
const apply = (...decorators: MethodDecorator[]): MethodDecorator => (target, key, descriptor) => {
  decorators.forEach((decorate) => decorate(target, key, descriptor));
};

export interface EntityController {
  readonly commands: EntityCommandService;
  readonly queries: EntityQueryService;
}

/**
 * The CRUD routes every entity shares (list, get with time travel, create, replace, archive).
 * Each domain's controller extends the returned class and adds its own commands.
 */
export function createEntityController(streamType: StreamType, schema: z.ZodType): Type<EntityController> {
  const definition = ENTITY_DEFINITIONS[streamType];
  const environmentQuery = ApiQuery({
    name: 'environment',
    required: false,
    description: definition.present
      ? 'The environment read or written (default production; a key scoped to one environment uses its own)'
      : definition.inEnvironment
        ? 'Only those of this environment'
        : `${streamType}s have no environments: refused`,
  });
  const input = jsonSchemaOf(schema);
  const resource = resourceSchemaOf(schema);
  const ifMatch = ApiHeader({ name: 'If-Match', required: false, description: 'The version this change is based on, e.g. "3" (or send expectedVersion in the body)' });
  const comment = ApiHeader({ name: 'X-Change-Comment', required: false, description: 'Why: kept with the change in the audit (or send comment in the body)' });

  @ApiSecurity('api-key')
  class BaseEntityController implements EntityController {
    constructor(
      @Inject(EntityCommandService) readonly commands: EntityCommandService,
      @Inject(EntityQueryService) readonly queries: EntityQueryService,
    ) {}

    @Get()
    @RequireRole('reader')
    @ApiOperation({ summary: `List ${streamType}s, optionally as they were at a time` })
    @ApiQuery({ name: 'includeArchived', required: false, type: Boolean })
    @ApiQuery({ name: 'at', required: false, description: 'ISO 8601 time: the list as it was at that time (time travel)' })
    @ApiResponse({ status: 200, schema: { type: 'object', properties: { items: { type: 'array', items: resource } } } })
    @environmentQuery
    @apply(...errors(400))
    async list(@Query() query: unknown, @Caller() caller: CallerIdentity | undefined): Promise<{ items: EntityResource[] }> {
      const { includeArchived, at, environment: named } = parseListQuery(query);
      const environment = environmentFor(definition, caller, named);
      const views = await this.queries.list(streamType, includeArchived, at);
      const inEnvironment = definition.inEnvironment;
      const shown = environment && inEnvironment ? views.filter((view) => !view.state || inEnvironment(view.state, environment)) : views;
      return { items: shown.map((view) => toResource(view, definition, environment)) };
    }

    @Get(':key')
    @RequireRole('reader')
    @ApiOperation({ summary: `Get a ${streamType}, optionally as it was at a time` })
    @ApiQuery({ name: 'at', required: false, description: 'ISO 8601 time: the state at that time (time travel)' })
    @ApiHeader({ name: 'If-None-Match', required: false, description: 'An ETag from an earlier read, e.g. "3": 304 with no body while the version is unchanged' })
    @ApiResponse({ status: 200, schema: resource })
    @ApiResponse({ status: 304, description: 'Unchanged since the ETag sent in If-None-Match' })
    @environmentQuery
    @apply(...errors(400, 404))
    async get(
      @Param('key') key: string,
      @Query() query: unknown,
      @Headers('if-none-match') ifNoneMatch: string | undefined,
      @Caller() caller: CallerIdentity | undefined,
      @Res() res: FastifyReply,
    ): Promise<void> {
      const { at, environment: named } = parseGetQuery(query);
      const environment = environmentFor(definition, caller, named);
      const view = await this.queries.get(streamType, parsePathKey(key), at);
      const etag = etagOf(view);
      void res.header('ETag', etag).header('Cache-Control', 'no-cache');
      if (etagMatches(ifNoneMatch, etag)) {
        void res.status(304).send();
        return;
      }
      void res.status(200).send(toResource(view, definition, environment));
    }

    @Post()
    @HttpCode(201)
    @RequireRole('admin')
    @ApiOperation({ summary: `Create a ${streamType}` })
    @comment
    @ApiBody({ schema: input })
    @ApiResponse({ status: 201, schema: resource })
    @environmentQuery
    @apply(...errors(400, 409, 422))
    async create(
      @Body() body: unknown,
      @Query() query: unknown,
      @Headers(CHANGE_COMMENT_HEADER) commentHeader: string | undefined,
      @Caller() caller: CallerIdentity | undefined,
      @Res({ passthrough: true }) res: FastifyReply,
    ): Promise<EntityResource> {
      const fields = asObject(body);
      const environment = environmentFor(definition, caller, parseWriteQuery(query).environment);
      const view = await this.commands.create(streamType, withoutCommandFields(fields), actorFor(caller), changeCommentFrom(commentHeader, fields), environment);
      res.header('ETag', etagOf(view));
      return toResource(view, definition, environment ?? bodyEnvironment(fields));
    }

    @Put(':key')
    @RequireRole('admin')
    @ApiOperation({ summary: `Replace a ${streamType} (full replacement; expected version required)` })
    @ifMatch
    @comment
    @ApiBody({ schema: { ...input, properties: { ...(input.properties as object), expectedVersion: { type: 'integer' } } } })
    @ApiResponse({ status: 200, schema: resource })
    @environmentQuery
    @apply(...errors(400, 404, 409, 422))
    async replace(
      @Param('key') key: string,
      @Body() body: unknown,
      @Query() query: unknown,
      @Headers('if-match') ifMatchHeader: string | undefined,
      @Headers(CHANGE_COMMENT_HEADER) commentHeader: string | undefined,
      @Caller() caller: CallerIdentity | undefined,
      @Res({ passthrough: true }) res: FastifyReply,
    ): Promise<EntityResource> {
      const fields = asObject(body);
      const expectedVersion = expectedVersionFrom(ifMatchHeader, fields);
      const environment = environmentFor(definition, caller, parseWriteQuery(query).environment);
      const options = { expectedVersion, actor: actorFor(caller), comment: changeCommentFrom(commentHeader, fields), environment };
      const view = await this.commands.update(streamType, parsePathKey(key), withoutCommandFields(fields), options);
      res.header('ETag', etagOf(view));
      return toResource(view, definition, environment ?? bodyEnvironment(fields));
    }

    @Delete(':key')
    @RequireRole('admin')
    @ApiOperation({ summary: `Archive a ${streamType} (read-only afterwards; expected version required)` })
    @ifMatch
    @comment
    @ApiResponse({ status: 200, schema: resource })
    @apply(...errors(400, 404, 409))
    async archive(
      @Param('key') key: string,
      @Body() body: unknown,
      @Headers('if-match') ifMatchHeader: string | undefined,
      @Headers(CHANGE_COMMENT_HEADER) commentHeader: string | undefined,
      @Caller() caller: CallerIdentity | undefined,
      @Res({ passthrough: true }) res: FastifyReply,
    ): Promise<EntityResource> {
      const fields = optionalBody(body);
      const expectedVersion = expectedVersionFrom(ifMatchHeader, fields);
      const options = { expectedVersion, actor: actorFor(caller), comment: changeCommentFrom(commentHeader, fields) };
      const view = await this.commands.archive(streamType, parsePathKey(key), options);
      res.header('ETag', etagOf(view));
      return toResource(view, definition);
    }
  }
  return BaseEntityController;
}

/**
 * The environment a request names (a scoped key's own, else `?environment=`); 400 for a type without
 * environments, so a parameter that would be ignored is never silently accepted.
 */
export function environmentFor(definition: EntityDefinition, caller: CallerIdentity | undefined, named: string | undefined): string | undefined {
  if (named !== undefined && !definition.present && !definition.inEnvironment) {
    throw new InvalidInputError('no_environments', `${definition.streamType}s have no environments; drop ?environment=`, {
      details: { issues: [{ path: 'environment', message: `${definition.streamType}s are shared by every environment` }] },
    });
  }
  return requestedEnvironment(caller, named);
}

/** The environment a body sent back names (`environment` echoed by a GET), when it is a string. */
function bodyEnvironment(fields: Record<string, unknown>): string | undefined {
  return typeof fields.environment === 'string' ? fields.environment : undefined;
}

/** DELETE and action routes may come without a body (the body is then undefined). */
export function optionalBody(body: unknown): Record<string, unknown> | undefined {
  return body === undefined || body === null || (typeof body === 'object' && Object.keys(body).length === 0) ? undefined : asObject(body);
}
