import type { MetricsRegistry } from '@xp/platform';
import { Counter, Gauge } from 'prom-client';

/** The service's own Prometheus metrics, on the app's registry (served at /metrics). */
export class AssignmentMetrics {
  readonly flagEvaluations: Counter;
  readonly exposuresPublished: Counter;
  readonly exposuresDeduplicated: Counter;
  readonly exposuresDropped: Counter;
  readonly exposureBufferSize: Gauge;
  readonly rulesetVersion: Gauge;
  readonly rulesetReady: Gauge;
  readonly configEvents: Counter<'outcome'>;
  readonly eventsAccepted: Counter;
  readonly eventsRejected: Counter;
  readonly exposuresIngested: Counter<'outcome'>;
  readonly streamClients: Gauge;

  constructor({ registry }: MetricsRegistry) {
    const registers = [registry];
    const counter = (name: string, help: string) => new Counter({ name, help, registers });
    const gauge = (name: string, help: string) => new Gauge({ name, help, registers });
    this.flagEvaluations = counter('assignment_flag_evaluations_total', 'Flags evaluated by POST /v1/evaluate');
    this.exposuresPublished = counter('assignment_exposures_published_total', 'Exposures from /v1/evaluate written to Kafka');
    this.exposuresDeduplicated = counter(
      'assignment_exposures_deduplicated_total',
      'Exposures not published because the same (experiment, unit, variant) was seen within the dedup window',
    );
    this.exposuresDropped = counter(
      'assignment_exposures_dropped_total',
      'Exposures lost because the publish buffer was full (Kafka slow or down) or Kafka rejected them',
    );
    this.exposureBufferSize = gauge('assignment_exposure_buffer_size', 'Exposures waiting to be published');
    this.rulesetVersion = gauge('assignment_ruleset_version', 'Config event-store position of the served ruleset');
    this.rulesetReady = gauge('assignment_ruleset_ready', '1 once the config events were replayed up to the start-up high watermark');
    this.configEvents = new Counter({
      name: 'assignment_config_events_total',
      help: 'Config events read, by outcome (applied, repeat, invalid)',
      labelNames: ['outcome'] as const,
      registers,
    });
    this.eventsAccepted = counter('assignment_events_accepted_total', 'Metric events accepted by POST /v1/events');
    this.eventsRejected = counter('assignment_events_rejected_total', 'Metric events rejected by POST /v1/events');
    this.exposuresIngested = new Counter({
      name: 'assignment_exposures_ingested_total',
      help: 'Exposures posted to POST /v1/exposures, by outcome (accepted, rejected)',
      labelNames: ['outcome'] as const,
      registers,
    });
    this.streamClients = gauge('assignment_ruleset_stream_clients', 'Open GET /v1/ruleset/stream connections');
  }
}
