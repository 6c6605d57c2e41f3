import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { ClickHousePort } from '@xp/clickhouse';
import { ensureRegistryTopics } from '@xp/kafka';
import { BackgroundStarter, METRICS_REGISTRY, type MetricsRegistry, type ReadinessCheck } from '@xp/platform';
import type { Kafka } from 'kafkajs';
import { Counter } from 'prom-client';
import { CLICKHOUSE, KAFKA } from '../connections/tokens';
import { DecisionPublisher } from '../decisions/decision-publisher';
import { ConfigEventsService } from '../experiments/config-events.service';
import { ExperimentCatalogue } from '../experiments/experiment-catalogue';
import { ResultsStore } from '../results/results-store';
import { AnalysisLoop } from './analysis-loop';
import { AnalysisRunner, type AnalysisLogger } from './analysis-runner';
import { ANALYSIS_SETTINGS, type AnalysisSettings } from './analysis-settings';

/** Runs the analysis loop (results, policy, decisions) for the service's lifetime. */
@Injectable()
export class AnalysisLoopService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Analysis');
  private readonly srmAlerts: Counter<'experiment'>;
  private readonly decisions: Counter<'kind'>;
  private publisher?: DecisionPublisher;
  private loop?: AnalysisLoop;
  private readonly starter = new BackgroundStarter('analysis loop', () => this.start(), this.logger);

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(CLICKHOUSE) private readonly clickhouse: ClickHousePort,
    @Inject(ANALYSIS_SETTINGS) private readonly settings: AnalysisSettings,
    @Inject(METRICS_REGISTRY) metrics: MetricsRegistry,
    private readonly catalogue: ExperimentCatalogue,
    private readonly store: ResultsStore,
    private readonly configEvents: ConfigEventsService,
  ) {
    this.srmAlerts = new Counter({ name: 'analysis_srm_alerts_total', help: 'Sample ratio mismatches found, by experiment', labelNames: ['experiment'], registers: [metrics.registry] });
    this.decisions = new Counter({ name: 'analysis_decisions_total', help: 'Rollout decisions published, by kind', labelNames: ['kind'], registers: [metrics.registry] });
  }

  /** Starting until the decisions topic was read back and the loop runs. */
  readiness(): ReadinessCheck {
    return this.starter.readiness('analysis loop');
  }

  /** In the background: the service serves (and reports not ready) while Kafka is unreachable. */
  onApplicationBootstrap(): void {
    void this.starter.begin();
  }

  private async start(): Promise<void> {
    const logger: AnalysisLogger = {
      info: (context, message) => this.logger.log({ ...context, msg: message }),
      warn: (context, message) => this.logger.warn({ ...context, msg: message }),
      error: (context, message) => this.logger.error({ ...context, msg: message }),
    };
    await ensureRegistryTopics(this.kafka, { decisions: this.settings.decisionsTopic });
    const publisher = new DecisionPublisher(this.kafka, this.settings.decisionsTopic);
    await publisher.start();
    if (this.starter.stopped) return publisher.stop();
    this.publisher = publisher;
    const runner = new AnalysisRunner({
      catalogue: this.catalogue,
      clickhouse: this.clickhouse,
      store: this.store,
      publisher,
      settings: this.settings,
      logger,
      onSrmAlert: (experiment) => this.srmAlerts.inc({ experiment }),
      onDecision: (_experiment, kind) => this.decisions.inc({ kind }),
    });
    this.loop = new AnalysisLoop(runner, { intervalMs: this.settings.intervalMs, ready: () => this.configEvents.caughtUp(), logger });
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.starter.stop();
    await this.loop?.stop();
    await this.publisher?.stop();
  }
}
