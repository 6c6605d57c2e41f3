import { Body, Controller, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { FlagSchema } from '@xp/contracts';
import { Caller, RequireRole, requestedEnvironment, type CallerIdentity } from '@xp/platform';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { asObject } from '../entities/as-object';
import { createEntityController, environmentFor } from '../entities/create-entity-controller';
import { ENTITY_DEFINITIONS } from '../entities/entity-definitions';
import { actorFor } from '../http/actor';
import { CHANGE_COMMENT_HEADER, changeCommentFrom } from '../http/change-comment';
import { etagOf, toResource, type EntityResource } from '../http/entity-resource';
import { expectedVersionFrom } from '../http/expected-version';
import { parsePathKey } from '../http/path-key';
import { parseWriteQuery } from '../http/read-query';
import { jsonSchemaOf } from '../openapi/json-schema-of';
import { KillSwitchCommandSchema } from './flag-kill-switch';
import { PromoteCommandSchema } from './flag-promotion';

const definition = ENTITY_DEFINITIONS.flag;

@ApiTags('flags')
@Controller('v1/flags')
export class FlagsController extends createEntityController('flag', FlagSchema) {
  @Post(':key/kill-switch')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ summary: "Turn a flag on or off for everyone in one environment (default production; expected version via If-Match or body)" })
  @ApiQuery({ name: 'environment', required: false, description: 'The environment switched (default production)' })
  @ApiBody({ schema: jsonSchemaOf(KillSwitchCommandSchema) })
  killSwitch(
    @Param('key') key: string,
    @Body() body: unknown,
    @Query() query: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers(CHANGE_COMMENT_HEADER) commentHeader: string | undefined,
    @Caller() caller: CallerIdentity | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<EntityResource> {
    const environment = environmentFor(definition, caller, parseWriteQuery(query).environment);
    return this.command('kill-switch', KillSwitchCommandSchema, { key, body, ifMatch, commentHeader, caller, res, environment });
  }

  @Post(':key/promote')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({
    summary: "Copy one environment's configuration of the flag (enabled, rules, overrides) over another's",
    description: 'Body `{ from, to, expectedVersion? }`. 422 when a copied rule runs an experiment of another environment.',
  })
  @ApiBody({ schema: jsonSchemaOf(PromoteCommandSchema) })
  promote(
    @Param('key') key: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers(CHANGE_COMMENT_HEADER) commentHeader: string | undefined,
    @Caller() caller: CallerIdentity | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<EntityResource> {
    const command = PromoteCommandSchema.parse(asObject(body));
    // A key scoped to one environment may only promote into it (403 otherwise).
    const environment = requestedEnvironment(caller, command.to) ?? command.to;
    return this.command('promote', PromoteCommandSchema, { key, body, ifMatch, commentHeader, caller, res, environment });
  }

  private async command(
    name: string,
    schema: z.ZodType<{ expectedVersion?: number }>,
    request: {
      key: string;
      body: unknown;
      ifMatch: string | undefined;
      commentHeader: string | undefined;
      caller: CallerIdentity | undefined;
      res: FastifyReply;
      environment: string | undefined;
    },
  ): Promise<EntityResource> {
    const fields = asObject(request.body);
    const command = schema.parse(fields);
    const view = await this.commands.execute('flag', parsePathKey(request.key), name, fields, {
      expectedVersion: expectedVersionFrom(request.ifMatch, command),
      actor: actorFor(request.caller),
      comment: changeCommentFrom(request.commentHeader, fields),
      environment: request.environment,
    });
    request.res.header('ETag', etagOf(view));
    return toResource(view, definition, request.environment);
  }
}
