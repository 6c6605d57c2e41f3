import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { ExpressRequest as Request, ExpressResponse as Response, NextFunction } from '../http/express-types';
import { METRICS_REGISTRY, type MetricsRegistry } from './metrics-registry';

/** Route pattern (not the raw URL) keeps label cardinality bounded; unmatched paths share one label. */
function routeOf(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  return typeof pattern === 'string' ? `${req.baseUrl}${pattern}` : 'unmatched';
}

@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(@Inject(METRICS_REGISTRY) private readonly metrics: MetricsRegistry) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const stop = this.metrics.httpRequestDuration.startTimer();
    res.once('finish', () => {
      stop({ method: req.method, route: routeOf(req), status: String(res.statusCode) });
    });
    next();
  }
}
