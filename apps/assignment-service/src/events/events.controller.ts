import { Body, Controller, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '@xp/platform';
import type { FastifyReply } from 'fastify';
import { INGEST_STATUS_DOCS } from '../ingest/ingest-api-docs';
import type { IngestResult } from '@xp/contracts';
import { ingestStatus } from '../ingest/ingest-result';
import { EventsService } from './events.service';

@ApiTags('ingestion')
@Controller('v1/events')
export class EventsController {
  constructor(private readonly service: EventsService) {}

  @Post()
  @RequireRole('sdk')
  @ApiOperation({
    summary: 'Ingest a batch of metric events',
    description: `Body \`{ events: [{ unit, event, value?, timestamp?, properties?, id? }] }\`. ${INGEST_STATUS_DOCS}`,
  })
  @ApiResponse({ status: 202, description: 'All events stored' })
  @ApiResponse({ status: 207, description: 'Valid events stored; invalid ones listed by index' })
  @ApiResponse({ status: 400, description: 'Malformed body or no valid event' })
  async ingest(@Body() body: unknown, @Res({ passthrough: true }) res: FastifyReply): Promise<IngestResult> {
    const result = await this.service.ingest(body);
    res.status(ingestStatus(result));
    return result;
  }
}
