import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { METRICS_REGISTRY, type MetricsRegistry } from './metrics-registry';
import { Public } from '../auth/require-role.decorator';

@Public()
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly metrics: MetricsRegistry) {}

  @Get()
  async scrape(@Res() reply: FastifyReply): Promise<void> {
    const text = await this.metrics.registry.metrics();
    await reply.header('Cache-Control', 'no-store').type(this.metrics.registry.contentType).send(text);
  }
}
