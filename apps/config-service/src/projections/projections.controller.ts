import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '@xp/platform';
import { ENTITY_VIEW_STORE, type EntityViewStore } from './entity-view-store';

@ApiTags('admin')
@ApiSecurity('api-key')
@Controller('v1/admin/projections')
export class ProjectionsController {
  constructor(@Inject(ENTITY_VIEW_STORE) private readonly views: EntityViewStore) {}

  @Post('rebuild')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Truncate the read models and replay every event into them' })
  @ApiResponse({ status: 200, schema: { type: 'object', properties: { events: { type: 'integer' }, entities: { type: 'integer' } } } })
  rebuild(): Promise<{ events: number; entities: number }> {
    return this.views.rebuild();
  }
}
