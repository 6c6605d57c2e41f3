import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import type { ExpressResponse as Response } from '../http/express-types';
import { METRICS_REGISTRY, type MetricsRegistry } from './metrics-registry';
import { Public } from '../auth/require-role.decorator';

@Public()
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly metrics: MetricsRegistry) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async scrape(@Res() res: Response): Promise<void> {
    res.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
