import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FlagSchema } from '@xp/contracts';
import { Caller, RequireRole, type CallerIdentity } from '@xp/platform';
import type { FastifyReply } from 'fastify';
import { asObject } from '../entities/as-object';
import { createEntityController } from '../entities/create-entity-controller';
import { actorFor } from '../http/actor';
import { CHANGE_COMMENT_HEADER, changeCommentFrom } from '../http/change-comment';
import { etagOf, toResource, type EntityResource } from '../http/entity-resource';
import { expectedVersionFrom } from '../http/expected-version';
import { parsePathKey } from '../http/path-key';
import { jsonSchemaOf } from '../openapi/json-schema-of';
import { KillSwitchCommandSchema } from './flag-kill-switch';

@ApiTags('flags')
@Controller('v1/flags')
export class FlagsController extends createEntityController('flag', FlagSchema) {
  @Post(':key/kill-switch')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Turn a flag on or off for everyone (expected version via If-Match or body)' })
  @ApiBody({ schema: jsonSchemaOf(KillSwitchCommandSchema) })
  async killSwitch(
    @Param('key') key: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers(CHANGE_COMMENT_HEADER) commentHeader: string | undefined,
    @Caller() caller: CallerIdentity | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<EntityResource> {
    const fields = asObject(body);
    const command = KillSwitchCommandSchema.parse(fields);
    const flagKey = parsePathKey(key);
    const expectedVersion = expectedVersionFrom(ifMatch, command);
    const view = await this.commands.execute('flag', flagKey, 'kill-switch', command, {
      expectedVersion,
      actor: actorFor(caller),
      comment: changeCommentFrom(commentHeader, fields),
    });
    res.header('ETag', etagOf(view));
    return toResource(view);
  }
}
