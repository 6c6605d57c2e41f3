import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '@xp/platform';
import { EVENT_STORE, type EventStore } from '../event-store/event-store';
import { toAuditItems, type AuditItem } from './audit-items';
import { AuditQuerySchema } from './audit-query.schema';

const CHANGE_SCHEMA = { type: 'object', properties: { path: { type: 'string' }, before: {}, after: {} } };
const ITEM_SCHEMA = {
  type: 'object',
  properties: {
    position: { type: 'integer' },
    streamId: { type: 'string' },
    entityType: { type: 'string' },
    key: { type: 'string' },
    version: { type: 'integer' },
    eventType: { type: 'string' },
    actor: { type: 'string', description: 'The name of the API key that made the change' },
    comment: { type: 'string', nullable: true },
    occurredAt: { type: 'string', format: 'date-time' },
    diff: { type: 'array', items: CHANGE_SCHEMA },
    payload: { type: 'object' },
  },
};

/** Who changed what, when and why: the event store read newest first (or oldest first after a position). */
@ApiTags('audit')
@ApiSecurity('api-key')
@Controller('v1/audit')
export class AuditController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @RequireRole('reader')
  @ApiOperation({ summary: 'Changes, newest first, with field-level diffs; filter by entity, actor and time' })
  @ApiQuery({ name: 'stream', required: false, description: 'One entity, e.g. flag:checkout-button' })
  @ApiQuery({ name: 'entityType', required: false, description: 'flag, segment, metric, experiment or environment' })
  @ApiQuery({ name: 'key', required: false, description: 'Entity key (of any type unless entityType is given)' })
  @ApiQuery({ name: 'actor', required: false, description: 'The API key name that made the change' })
  @ApiQuery({ name: 'from', required: false, description: 'ISO 8601: changes at or after' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO 8601: changes before' })
  @ApiQuery({ name: 'before', required: false, description: 'Next page: the nextBefore of the previous one' })
  @ApiQuery({ name: 'after', required: false, description: 'Oldest first, only events after this position (tailing)' })
  @ApiQuery({ name: 'limit', required: false })
  @ApiResponse({
    status: 200,
    schema: { type: 'object', properties: { items: { type: 'array', items: ITEM_SCHEMA }, nextBefore: { type: 'integer' } } },
  })
  async list(@Query() query: unknown): Promise<{ items: AuditItem[]; nextBefore?: number }> {
    const { stream, entityType, key, actor, from, to, after, before, limit } = AuditQuerySchema.parse(query);
    const events = await this.store.readAll({
      streamId: stream,
      streamType: entityType,
      key,
      actor,
      from,
      to,
      afterPosition: after,
      beforePosition: before,
      limit,
    });
    const items = await toAuditItems(this.store, events);
    const last = items[items.length - 1];
    return after === undefined && items.length === limit && last ? { items, nextBefore: last.position } : { items };
  }
}
