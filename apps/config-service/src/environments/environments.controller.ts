import { Body, Controller, Delete, Get, Headers, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { BUILT_IN_ENVIRONMENTS, EnvironmentSchema, isBuiltInEnvironment } from '@xp/contracts';
import { Caller, ConflictError, NotFoundError, RequireRole, type CallerIdentity } from '@xp/platform';
import type { FastifyReply } from 'fastify';
import { asObject } from '../entities/as-object';
import { optionalBody } from '../entities/create-entity-controller';
import { EntityCommandService } from '../entities/entity-command.service';
import { EntityQueryService } from '../entities/entity-query.service';
import { actorFor } from '../http/actor';
import { CHANGE_COMMENT_HEADER, changeCommentFrom } from '../http/change-comment';
import { etagOf } from '../http/entity-resource';
import { expectedVersionFrom, withoutCommandFields } from '../http/expected-version';
import { parsePathKey } from '../http/path-key';
import { jsonSchemaOf } from '../openapi/json-schema-of';
import type { EntityView } from '../projections/entity-view';

export interface EnvironmentResource {
  key: string;
  description: string;
  builtIn: boolean;
  /** 0 for the built-ins, which are never written. */
  version: number;
}

const builtIn = (key: string): EnvironmentResource => ({ key, description: '', builtIn: true, version: 0 });
const created = (view: EntityView): EnvironmentResource => ({
  key: view.key,
  description: String(view.state?.description ?? ''),
  builtIn: false,
  version: view.version,
});

/**
 * Environments: development, staging and production exist from the start; more are created here. A
 * flag has a part per environment, an experiment runs in one, and SDK keys are scoped to one.
 */
@ApiTags('environments')
@ApiSecurity('api-key')
@Controller('v1/environments')
export class EnvironmentsController {
  constructor(
    @Inject(EntityCommandService) private readonly commands: EntityCommandService,
    @Inject(EntityQueryService) private readonly queries: EntityQueryService,
  ) {}

  @Get()
  @RequireRole('reader')
  @ApiOperation({ summary: 'Every environment: the built-ins first, then those created by API' })
  async list(): Promise<{ items: EnvironmentResource[] }> {
    const views = await this.queries.list('environment', false);
    return { items: [...BUILT_IN_ENVIRONMENTS.map(builtIn), ...views.map(created)] };
  }

  @Get(':key')
  @RequireRole('reader')
  @ApiOperation({ summary: 'One environment' })
  async get(@Param('key') key: string): Promise<EnvironmentResource> {
    const environmentKey = parsePathKey(key);
    if (isBuiltInEnvironment(environmentKey)) return builtIn(environmentKey);
    const view = await this.queries.get('environment', environmentKey);
    if (view.archived) throw new NotFoundError('not_found', `No environment '${environmentKey}'`, { details: { key: environmentKey } });
    return created(view);
  }

  @Post()
  @HttpCode(201)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Create an environment (`{ key, description? }`)' })
  @ApiBody({ schema: jsonSchemaOf(EnvironmentSchema) })
  async create(
    @Body() body: unknown,
    @Headers(CHANGE_COMMENT_HEADER) commentHeader: string | undefined,
    @Caller() caller: CallerIdentity | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<EnvironmentResource> {
    const fields = asObject(body);
    const view = await this.commands.create('environment', withoutCommandFields(fields), actorFor(caller), changeCommentFrom(commentHeader, fields));
    res.header('ETag', etagOf(view));
    return created(view);
  }

  @Delete(':key')
  @RequireRole('admin')
  @ApiOperation({ summary: 'Remove a created environment (409 while a flag or an experiment still uses it)' })
  async archive(
    @Param('key') key: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatchHeader: string | undefined,
    @Headers(CHANGE_COMMENT_HEADER) commentHeader: string | undefined,
    @Caller() caller: CallerIdentity | undefined,
  ): Promise<EnvironmentResource> {
    const environmentKey = parsePathKey(key);
    if (isBuiltInEnvironment(environmentKey)) {
      throw new ConflictError('built_in', `environment '${environmentKey}' is built in and cannot be removed`, { details: { key: environmentKey } });
    }
    const fields = optionalBody(body);
    const options = { expectedVersion: expectedVersionFrom(ifMatchHeader, fields), actor: actorFor(caller), comment: changeCommentFrom(commentHeader, fields) };
    return created(await this.commands.archive('environment', environmentKey, options));
  }
}
