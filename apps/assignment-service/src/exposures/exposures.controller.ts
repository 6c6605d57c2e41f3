import { Body, Controller, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '@xp/platform';
import type { FastifyReply } from 'fastify';
import { INGEST_STATUS_DOCS } from '../ingest/ingest-api-docs';
import type { IngestResult } from '@xp/contracts';
import { ingestStatus } from '../ingest/ingest-result';
import { ExposuresIngestService } from './exposures-ingest.service';

@ApiTags('ingestion')
@Controller('v1/exposures')
export class ExposuresController {
  constructor(private readonly service: ExposuresIngestService) {}

  @Post()
  @RequireRole('sdk')
  @ApiOperation({
    summary: 'Ingest exposures logged by SDKs that evaluate locally',
    description:
      'Body `{ exposures: [{ unit (alias unitId), experimentKey, flagKey, variant, unitAttribute?, stage?, percentage?, timestamp?, id? }] }`. ' +
      INGEST_STATUS_DOCS,
  })
  @ApiResponse({ status: 202, description: 'All exposures stored' })
  @ApiResponse({ status: 207, description: 'Valid exposures stored; invalid ones listed by index' })
  @ApiResponse({ status: 400, description: 'Malformed body or no valid exposure' })
  async ingest(@Body() body: unknown, @Res({ passthrough: true }) res: FastifyReply): Promise<IngestResult> {
    const result = await this.service.ingest(body);
    res.status(ingestStatus(result));
    return result;
  }
}
