import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { MetricSchema } from '@xp/contracts';
import { createEntityController } from '../entities/create-entity-controller';

@ApiTags('metrics')
@Controller('v1/metrics')
export class MetricDefinitionsController extends createEntityController('metric', MetricSchema) {}
