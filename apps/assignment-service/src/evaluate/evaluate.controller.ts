import { Body, Controller, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Caller, RequireRole, type CallerIdentity } from '@xp/platform';
import type { FastifyReply } from 'fastify';
import { environmentOfRequest } from '../environments/request-environment';
import { EvaluateService } from './evaluate.service';
import { parseEvaluateRequest } from './parse-evaluate-request';

@ApiTags('evaluation')
@Controller('v1/evaluate')
export class EvaluateController {
  constructor(private readonly service: EvaluateService) {}

  @Post()
  @HttpCode(200)
  @RequireRole('sdk')
  @ApiOperation({
    summary: 'Evaluate flags for one unit',
    description:
      'Body `{ unit, attributes?, flags?, environment? }`: evaluated in the key\'s environment when the key is scoped to one (403 for another), else in `environment` (body or query), else production. Returns `{ results: { [flagKey]: { variant, value, reason, errorCode?, experiment? } }, rulesetVersion }`. ' +
      'Unknown flag keys answer `reason: ERROR, errorCode: FLAG_NOT_FOUND` (not a 4xx). Units enrolled in a running experiment are logged to the exposures topic, once per (experiment, unit, variant) per dedup window.',
  })
  @ApiResponse({ status: 200, description: 'Results per requested flag' })
  @ApiResponse({ status: 400, description: 'Invalid body: `error.details.issues` lists each bad field by path' })
  @ApiResponse({ status: 403, description: 'The key is scoped to another environment' })
  @ApiResponse({ status: 404, description: 'No such environment' })
  @ApiResponse({ status: 503, description: 'The ruleset has not been replayed yet' })
  @ApiQuery({ name: 'environment', required: false })
  evaluate(@Body() body: unknown, @Query() query: unknown, @Caller() caller: CallerIdentity | undefined, @Res() reply: FastifyReply): void {
    const request = parseEvaluateRequest(body);
    const json = this.service.evaluateJson(request, environmentOfRequest(caller, query, request.environment));
    // Sent as the already serialised string (this is the hot path): with the content type set, Fastify
    // writes it as is, with no serializer or ETag.
    void reply.code(200).header('Content-Type', 'application/json; charset=utf-8').send(json);
  }
}
