import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { webhookCreateSchema, webhookDeliveriesQuerySchema, webhookUpdateSchema } from '@xp/contracts';
import { RequireRole } from '@xp/platform';
import type { DeliveryLogEntry } from './webhook-outbox-store';
import type { WebhookSubscriptionView } from './webhook-subscription-store';
import { WebhooksService, type WebhookWithSecret } from './webhooks.service';

@ApiTags('webhooks')
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(@Inject(WebhooksService) private readonly webhooks: WebhooksService) {}

  @Post()
  @RequireRole('admin')
  @ApiOperation({ summary: 'Subscribe a URL to deployment events {url, events?: ["*"] | actions, enabled?, secret?}; 201 shows the signing secret once' })
  create(@Body() body: unknown): Promise<WebhookWithSecret> {
    return this.webhooks.create(webhookCreateSchema.parse(body ?? undefined));
  }

  @Get()
  @RequireRole('reader')
  @ApiOperation({ summary: 'Every subscription with its delivery counts and latest attempt (never the secret)' })
  async list(): Promise<{ items: WebhookSubscriptionView[] }> {
    return { items: await this.webhooks.list() };
  }

  @Get(':id')
  @RequireRole('reader')
  @ApiOperation({ summary: 'A subscription with its delivery counts and latest attempt (never the secret)' })
  get(@Param('id') id: string): Promise<WebhookSubscriptionView> {
    return this.webhooks.get(id);
  }

  @Patch(':id')
  @RequireRole('admin')
  @ApiOperation({ summary: 'Change url, events or enabled (a disabled subscription gets no new events; owed ones wait until it is enabled again)' })
  update(@Param('id') id: string, @Body() body: unknown): Promise<WebhookSubscriptionView> {
    return this.webhooks.update(id, webhookUpdateSchema.parse(body ?? undefined));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Remove a subscription with its owed deliveries and delivery log' })
  async delete(@Param('id') id: string): Promise<void> {
    await this.webhooks.delete(id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Replace the signing secret; the new one (shown once) signs every attempt from now on' })
  rotateSecret(@Param('id') id: string): Promise<WebhookWithSecret> {
    return this.webhooks.rotateSecret(id);
  }

  @Get(':id/deliveries')
  @RequireRole('reader')
  @ApiOperation({ summary: 'Recent delivery attempts, newest first: event id and type, attempt, outcome, HTTP status, error, time' })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  async deliveries(@Param('id') id: string, @Query() query: unknown): Promise<{ items: DeliveryLogEntry[] }> {
    const { limit } = webhookDeliveriesQuerySchema.parse(query ?? {});
    return { items: await this.webhooks.deliveries(id, limit) };
  }
}
