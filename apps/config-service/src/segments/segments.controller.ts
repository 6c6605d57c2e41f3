import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SegmentSchema } from '@xp/contracts';
import { createEntityController } from '../entities/create-entity-controller';

@ApiTags('segments')
@Controller('v1/segments')
export class SegmentsController extends createEntityController('segment', SegmentSchema) {}
