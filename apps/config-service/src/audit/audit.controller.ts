import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '@xp/platform';
import { EVENT_STORE, type EventStore } from '../event-store/event-store';
import { AuditQuerySchema } from './audit-query.schema';

export interface AuditItem {
  position: number;
  streamId: string;
  version: number;
  eventType: string;
  actor: string;
  occurredAt: string;
  payload: Record<string, unknown>;
}

const ITEM_SCHEMA = {
  type: 'object',
  properties: {
    position: { type: 'integer' },
    streamId: { type: 'string' },
    version: { type: 'integer' },
    eventType: { type: 'string' },
    actor: { type: 'string' },
    occurredAt: { type: 'string', format: 'date-time' },
    payload: { type: 'object' },
  },
};

/** Who changed what, when: the event store read in global order. */
@ApiTags('audit')
@ApiSecurity('api-key')
@Controller('v1/audit')
export class AuditController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @RequireRole('reader')
  @ApiOperation({ summary: 'Changes in order, optionally of one stream (e.g. flag:checkout-button)' })
  @ApiQuery({ name: 'stream', required: false })
  @ApiQuery({ name: 'after', required: false, description: 'Only events after this position (paging)' })
  @ApiQuery({ name: 'limit', required: false })
  @ApiResponse({ status: 200, schema: { type: 'object', properties: { items: { type: 'array', items: ITEM_SCHEMA } } } })
  async list(@Query() query: unknown): Promise<{ items: AuditItem[] }> {
    const { stream, after, limit } = AuditQuerySchema.parse(query);
    const events = await this.store.readAll({ streamId: stream, afterPosition: after, limit });
    return {
      items: events.map((e) => ({
        position: e.position,
        streamId: e.streamId,
        version: e.version,
        eventType: e.eventType,
        actor: e.actor,
        occurredAt: e.occurredAt.toISOString(),
        payload: e.payload,
      })),
    };
  }
}
