import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HoldoutSchema } from '@xp/contracts';
import { createEntityController } from '../entities/create-entity-controller';

/** `/v1/holdouts`: create, include experiments (`experimentKeys`) or flags, list (`?environment=`), archive. */
@ApiTags('holdouts')
@Controller('v1/holdouts')
export class HoldoutsController extends createEntityController('holdout', HoldoutSchema) {}
