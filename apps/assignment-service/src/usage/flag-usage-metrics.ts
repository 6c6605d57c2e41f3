import type { MetricsRegistry } from '@xp/platform';
import { Counter } from 'prom-client';

/** Prometheus metrics of the flag usage flushes, on the app's registry. */
export class FlagUsageMetrics {
  readonly windows: Counter<'outcome'>;
  readonly dropped: Counter;

  constructor({ registry }: MetricsRegistry) {
    this.windows = new Counter({
      name: 'assignment_flag_usage_windows_total',
      help: 'Flag usage windows by outcome: flushed (acknowledged by Kafka), failed (kept to resend), merged (over the pending bound, merged into the next window)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    });
    this.dropped = new Counter({
      name: 'assignment_flag_usage_dropped_total',
      help: 'Evaluations not counted in flag usage because the (flag, environment) map was full',
      registers: [registry],
    });
  }
}
