import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import type { ExpressRequest as Request, ExpressResponse as Response, NextFunction } from '../http/express-types';
import { METRICS_REGISTRY, type MetricsRegistry } from './metrics-registry';

/** Route pattern (not the raw URL) keeps label cardinality bounded; unmatched paths share one label. */
function routeOf(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  return typeof pattern === 'string' ? `${req.baseUrl}${pattern}` : 'unmatched';
}

interface Observer {
  observe(seconds: number): void;
}

@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  // One histogram child per (method, route, status), bound once: no label hashing per request.
  private readonly observers = new Map<string, Observer>();

  constructor(@Inject(METRICS_REGISTRY) private readonly metrics: MetricsRegistry) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const start = performance.now();
    res.once('finish', () => {
      this.observerFor(req.method, routeOf(req), res.statusCode).observe((performance.now() - start) / 1000);
    });
    next();
  }

  private observerFor(method: string, route: string, status: number): Observer {
    const key = `${method} ${status} ${route}`;
    let observer = this.observers.get(key);
    if (observer === undefined) {
      observer = this.metrics.httpRequestDuration.labels({ method, route, status: String(status) });
      this.observers.set(key, observer);
    }
    return observer;
  }
}
