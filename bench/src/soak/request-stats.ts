import { percentile } from './soak-summary';

/** What one call answered: the HTTP status, and for a failure the start of its body. */
export interface Outcome {
  status: number;
  detail?: string;
}

interface EndpointStats {
  statuses: Map<string, number>;
  latenciesMs: number[];
  skipped: number;
  /** The first few distinct failures (status and body), to say what went wrong. */
  failures: Map<string, number>;
}

export interface EndpointSummary {
  endpoint: string;
  requests: number;
  statuses: Record<string, number>;
  skipped: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  failures: Array<{ what: string; count: number }>;
}

const KEPT_FAILURES = 5;

/** Responses per endpoint: counts by status ('error' = no answer), every latency, and samples of failures. */
export class RequestStats {
  private readonly endpoints = new Map<string, EndpointStats>();

  record(endpoint: string, status: string, latencyMs: number, detail?: string): void {
    const stats = this.of(endpoint);
    stats.statuses.set(status, (stats.statuses.get(status) ?? 0) + 1);
    stats.latenciesMs.push(latencyMs);
    const failed = status === 'error' || Number(status) >= 400;
    if (!failed) return;
    const what = `${status} ${(detail ?? '').slice(0, 200)}`;
    if (stats.failures.has(what) || stats.failures.size < KEPT_FAILURES) stats.failures.set(what, (stats.failures.get(what) ?? 0) + 1);
  }

  skipped(endpoint: string): void {
    this.of(endpoint).skipped++;
  }

  /** Requests answered so far, all endpoints, and how many failed (no answer or a 5xx; 4xx show in the counts by status). */
  totals(): { requests: number; failed: number } {
    let requests = 0;
    let failed = 0;
    for (const stats of this.endpoints.values()) {
      for (const [status, count] of stats.statuses) {
        requests += count;
        if (status === 'error' || Number(status) >= 500) failed += count;
      }
    }
    return { requests, failed };
  }

  summaries(): EndpointSummary[] {
    return [...this.endpoints].map(([endpoint, stats]) => {
      const sorted = Float64Array.from(stats.latenciesMs).sort();
      return {
        endpoint,
        requests: sorted.length,
        statuses: Object.fromEntries([...stats.statuses].sort()),
        skipped: stats.skipped,
        p50: percentile(sorted, 0.5),
        p90: percentile(sorted, 0.9),
        p99: percentile(sorted, 0.99),
        max: percentile(sorted, 1),
        failures: [...stats.failures].map(([what, count]) => ({ what, count })),
      };
    });
  }

  private of(endpoint: string): EndpointStats {
    let stats = this.endpoints.get(endpoint);
    if (!stats) {
      stats = { statuses: new Map(), latenciesMs: [], skipped: 0, failures: new Map() };
      this.endpoints.set(endpoint, stats);
    }
    return stats;
  }
}
