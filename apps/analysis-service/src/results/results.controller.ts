import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '@xp/platform';
import { ResultsService, type ResultsResponse } from './results.service';

@ApiTags('results')
@Controller('v1/experiments')
export class ResultsController {
  constructor(private readonly results: ResultsService) {}

  @Get(':key/results')
  @RequireRole('reader')
  @ApiOperation({ summary: 'Latest analysis of an experiment and the history of earlier snapshots' })
  get(@Param('key') key: string): Promise<ResultsResponse> {
    return this.results.results(key);
  }
}

@ApiTags('results')
@Controller('v1/holdouts')
export class HoldoutResultsController {
  constructor(private readonly results: ResultsService) {}

  @Get(':key/results')
  @RequireRole('reader')
  @ApiOperation({ summary: "Latest analysis of a holdout (held-out units against an equal-sized sample of the others) and earlier snapshots" })
  get(@Param('key') key: string): Promise<ResultsResponse> {
    return this.results.holdoutResults(key);
  }
}
