import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { etagMatches, RequireRole, UnavailableError } from '@xp/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { RulesetStore } from './ruleset-store';

@ApiTags('ruleset')
@Controller('v1/ruleset')
export class RulesetController {
  constructor(private readonly store: RulesetStore) {}

  @Get()
  @RequireRole('sdk')
  @ApiOperation({
    summary: 'The ruleset SDKs evaluate locally',
    description: '`{ version, ruleset }` where version is the last applied config event position. ETag = version; 304 on a matching If-None-Match.',
  })
  @ApiResponse({ status: 200, description: 'Current snapshot' })
  @ApiResponse({ status: 304, description: 'Unchanged since the ETag sent' })
  @ApiResponse({ status: 503, description: 'The ruleset has not been replayed yet' })
  get(@Req() req: FastifyRequest, @Res() res: FastifyReply): void {
    const snapshot = this.store.current();
    if (!snapshot) throw new UnavailableError('ruleset_not_ready', 'The ruleset is still being replayed; retry shortly');
    void res.header('ETag', snapshot.etag).header('Cache-Control', 'no-cache');
    if (etagMatches(req.headers['if-none-match'], snapshot.etag)) {
      void res.status(304).send();
      return;
    }
    void res.status(200).type('application/json; charset=utf-8').send(snapshot.json);
  }
}
