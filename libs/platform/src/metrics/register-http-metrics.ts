import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MetricsRegistry } from './metrics-registry';

interface Observer {
  observe(seconds: number): void;
}

/** Route pattern (not the raw URL) keeps label cardinality bounded; unmatched paths share one label. */
function routeOf(request: FastifyRequest): string {
  return request.is404 ? 'unmatched' : (request.routeOptions.url ?? 'unmatched');
}

/**
 * Observes every response in `http_request_duration_seconds` from a Fastify onResponse hook, where the
 * matched route pattern is known (a Nest middleware only sees the raw request).
 */
export function registerHttpMetrics(fastify: FastifyInstance, metrics: MetricsRegistry): void {
  // One histogram child per (method, route, status), bound once: no label hashing per request.
  const observers = new Map<string, Observer>();
  const observerFor = (method: string, route: string, status: number): Observer => {
    const key = `${method} ${status} ${route}`;
    let observer = observers.get(key);
    if (observer === undefined) {
      observer = metrics.httpRequestDuration.labels({ method, route, status: String(status) });
      observers.set(key, observer);
    }
    return observer;
  };
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    observerFor(request.method, routeOf(request), reply.statusCode).observe(reply.elapsedTime / 1000);
    done();
  });
}
