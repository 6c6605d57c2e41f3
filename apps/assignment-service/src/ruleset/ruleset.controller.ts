import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Caller, etagMatches, RequireRole, type CallerIdentity } from '@xp/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { environmentOfRequest } from '../environments/request-environment';
import { RulesetStore } from './ruleset-store';

@ApiTags('ruleset')
@Controller('v1/ruleset')
export class RulesetController {
  constructor(private readonly store: RulesetStore) {}

  @Get()
  @RequireRole('sdk')
  @ApiOperation({
    summary: 'The ruleset SDKs evaluate locally',
    description: 'One environment\'s ruleset (the key\'s own when it is scoped, else `?environment=`, else production). `{ version, ruleset }` where version is the last applied config event position. ETag = version; 304 on a matching If-None-Match.',
  })
  @ApiResponse({ status: 200, description: 'Current snapshot' })
  @ApiResponse({ status: 304, description: 'Unchanged since the ETag sent' })
  @ApiResponse({ status: 403, description: 'The key is scoped to another environment' })
  @ApiResponse({ status: 404, description: 'No such environment' })
  @ApiResponse({ status: 503, description: 'The ruleset has not been replayed yet' })
  @ApiQuery({ name: 'environment', required: false })
  get(@Query() query: unknown, @Caller() caller: CallerIdentity | undefined, @Req() req: FastifyRequest, @Res() res: FastifyReply): void {
    const snapshot = this.store.snapshotFor(environmentOfRequest(caller, query));
    void res.header('ETag', snapshot.etag).header('Cache-Control', 'no-cache');
    if (etagMatches(req.headers['if-none-match'], snapshot.etag)) {
      void res.status(304).send();
      return;
    }
    void res.status(200).type('application/json; charset=utf-8').send(snapshot.json);
  }
}
