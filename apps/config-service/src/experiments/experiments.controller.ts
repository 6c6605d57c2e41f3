import { Body, Controller, Headers, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ExperimentSchema } from '@xp/contracts';
import { Caller, RequireRole, type CallerIdentity } from '@xp/platform';
import type { FastifyReply } from 'fastify';
import { asObject } from '../entities/as-object';
import { createEntityController, optionalBody } from '../entities/create-entity-controller';
import { actorFor } from '../http/actor';
import { etagOf, toResource, type EntityResource } from '../http/entity-resource';
import { expectedVersionFrom } from '../http/expected-version';
import { parsePathKey } from '../http/path-key';
import { jsonSchemaOf, resourceSchemaOf } from '../openapi/json-schema-of';
import type { LifecycleAction } from './experiment-lifecycle';
import { ExperimentRolloutService } from './experiment-rollout.service';
import { RolloutCommandSchema } from './rollout-command.schema';

const ifMatch = ApiHeader({ name: 'If-Match', required: false, description: 'The version this change is based on (or expectedVersion in the body)' });
const versionBody = ApiBody({ required: false, schema: { type: 'object', properties: { expectedVersion: { type: 'integer' } } } });

@ApiTags('experiments')
@Controller('v1/experiments')
export class ExperimentsController extends createEntityController('experiment', ExperimentSchema) {
  @Inject(ExperimentRolloutService) private readonly rollouts!: ExperimentRolloutService;

  @Post(':key/rollout')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Set the rollout stage or percentage (idempotent by decisionId; used by deployment-service)' })
  @ApiBody({ schema: jsonSchemaOf(RolloutCommandSchema) })
  @ApiResponse({ status: 200, schema: { type: 'object', properties: { applied: { type: 'boolean' }, experiment: resourceSchemaOf(ExperimentSchema) } } })
  async rollout(@Param('key') key: string, @Body() body: unknown, @Caller() caller: CallerIdentity | undefined): Promise<{ applied: boolean; experiment: EntityResource }> {
    const command = RolloutCommandSchema.parse(asObject(body));
    const { applied, view } = await this.rollouts.apply(parsePathKey(key), command, actorFor(caller));
    return { applied, experiment: toResource(view) };
  }

  @Post(':key/start')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ summary: 'draft -> running' })
  @ifMatch
  @versionBody
  start(@Param('key') key: string, @Body() body: unknown, @Headers('if-match') version: string | undefined, @Caller() caller: CallerIdentity | undefined, @Res({ passthrough: true }) res: FastifyReply) {
    return this.move('start', key, body, version, caller, res);
  }

  @Post(':key/pause')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ summary: 'running -> paused' })
  @ifMatch
  @versionBody
  pause(@Param('key') key: string, @Body() body: unknown, @Headers('if-match') version: string | undefined, @Caller() caller: CallerIdentity | undefined, @Res({ passthrough: true }) res: FastifyReply) {
    return this.move('pause', key, body, version, caller, res);
  }

  @Post(':key/resume')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ summary: 'paused -> running' })
  @ifMatch
  @versionBody
  resume(@Param('key') key: string, @Body() body: unknown, @Headers('if-match') version: string | undefined, @Caller() caller: CallerIdentity | undefined, @Res({ passthrough: true }) res: FastifyReply) {
    return this.move('resume', key, body, version, caller, res);
  }

  @Post(':key/conclude')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ summary: 'paused -> concluded, with the winning variant' })
  @ifMatch
  @ApiBody({ schema: { type: 'object', properties: { winner: { type: 'string' }, expectedVersion: { type: 'integer' } }, required: ['winner'] } })
  conclude(@Param('key') key: string, @Body() body: unknown, @Headers('if-match') version: string | undefined, @Caller() caller: CallerIdentity | undefined, @Res({ passthrough: true }) res: FastifyReply) {
    return this.move('conclude', key, body, version, caller, res);
  }

  @Post(':key/archive')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ summary: 'concluded -> archived (read-only afterwards)' })
  @ifMatch
  @versionBody
  archiveAction(@Param('key') key: string, @Body() body: unknown, @Headers('if-match') version: string | undefined, @Caller() caller: CallerIdentity | undefined, @Res({ passthrough: true }) res: FastifyReply) {
    return this.move('archive', key, body, version, caller, res);
  }

  private async move(
    action: LifecycleAction,
    key: string,
    body: unknown,
    ifMatchHeader: string | undefined,
    caller: CallerIdentity | undefined,
    res: FastifyReply,
  ): Promise<EntityResource> {
    const fields = optionalBody(body);
    const experimentKey = parsePathKey(key);
    const expectedVersion = expectedVersionFrom(ifMatchHeader, fields);
    const view = await this.commands.execute('experiment', experimentKey, action, fields, { expectedVersion, actor: actorFor(caller) });
    res.header('ETag', etagOf(view));
    return toResource(view);
  }
}
