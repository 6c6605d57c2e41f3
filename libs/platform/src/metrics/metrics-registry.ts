import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export interface MetricsRegistry {
  registry: Registry;
  httpRequestDuration: Histogram<'method' | 'route' | 'status'>;
}

/** Injection token of the app's MetricsRegistry; apps register their own metrics on `.registry`. */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

/** One registry per app (not prom-client's global one) so that tests can boot several apps in one process. */
export function createMetricsRegistry(service: string): MetricsRegistry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const httpRequestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, matched route and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return { registry, httpRequestDuration };
}
