import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '@xp/platform';
import type { ServerResponse } from 'node:http';
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
      'Body `{ unit, attributes?, flags? }`. Returns `{ results: { [flagKey]: { variant, value, reason, errorCode?, experiment? } }, rulesetVersion }`. ' +
      'Unknown flag keys answer `reason: ERROR, errorCode: FLAG_NOT_FOUND` (not a 4xx). Units enrolled in a running experiment are logged to the exposures topic, once per (experiment, unit, variant) per dedup window.',
  })
  @ApiResponse({ status: 200, description: 'Results per requested flag' })
  @ApiResponse({ status: 400, description: 'Invalid body: `error.details.issues` lists each bad field by path' })
  @ApiResponse({ status: 503, description: 'The ruleset has not been replayed yet' })
  evaluate(@Body() body: unknown, @Res() res: ServerResponse): void {
    const json = this.service.evaluateJson(parseEvaluateRequest(body));
    // Written directly (this is the hot path): express' send would also copy the body into a Buffer
    // and hash it for an ETag that nobody uses on a POST.
    res.statusCode = 200;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', Buffer.byteLength(json));
    res.end(json);
  }
}
