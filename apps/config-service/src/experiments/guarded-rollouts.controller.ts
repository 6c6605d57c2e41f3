import { Body, Controller, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Caller, RequireRole, requestedEnvironment, type CallerIdentity } from '@xp/platform';
import { asObject } from '../entities/as-object';
import { ENTITY_DEFINITIONS } from '../entities/entity-definitions';
import { actorFor } from '../http/actor';
import { CHANGE_COMMENT_HEADER, changeCommentFrom } from '../http/change-comment';
import { toResource, type EntityResource } from '../http/entity-resource';
import { jsonSchemaOf } from '../openapi/json-schema-of';
import { GuardedRolloutCommandSchema } from './guarded-rollout.schema';
import { GuardedRolloutService } from './guarded-rollout.service';

@ApiTags('experiments')
@ApiSecurity('api-key')
@Controller('v1/guarded-rollouts')
export class GuardedRolloutsController {
  constructor(@Inject(GuardedRolloutService) private readonly rollouts: GuardedRolloutService) {}

  @Post()
  @HttpCode(201)
  @RequireRole('admin')
  @ApiOperation({
    summary: 'A guarded rollout in one call: flag (key, or a body to create it), experiment, its rule, start',
    description:
      'Body `{ flag: "<key>" | {<flag>}, environment?, experiment: {<experiment without flagKey/environment>}, start? (default true), comment? }`. ' +
      "One transaction: creates the flag when a body is given, creates the experiment in the environment (variants default to the flag's, its off variant the control), " +
      'puts a rule running it first in that environment (the flag switched on there) and starts it. deployment-service then ramps it by its policy. Any refusal writes nothing.',
  })
  @ApiBody({ schema: jsonSchemaOf(GuardedRolloutCommandSchema) })
  async create(
    @Body() body: unknown,
    @Headers(CHANGE_COMMENT_HEADER) commentHeader: string | undefined,
    @Caller() caller: CallerIdentity | undefined,
  ): Promise<{ environment: string; flag: EntityResource; experiment: EntityResource }> {
    const fields = asObject(body);
    const command = GuardedRolloutCommandSchema.parse(fields);
    const environment = requestedEnvironment(caller, command.environment);
    const created = await this.rollouts.create({ ...command, environment }, actorFor(caller), changeCommentFrom(commentHeader, fields));
    return {
      environment: created.environment,
      flag: toResource(created.flag, ENTITY_DEFINITIONS.flag, created.environment),
      experiment: toResource(created.experiment),
    };
  }
}
