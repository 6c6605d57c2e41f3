import { Module, type DynamicModule } from '@nestjs/common';
import { METRICS_REGISTRY, type MetricsRegistry } from '@xp/platform';
import { ExposurePublisher } from './exposures/exposure-publisher';
import { ExposureRecorder } from './exposures/exposure-recorder';
import { KafkaPublisher } from './kafka/kafka-publisher';
import { AssignmentMetrics } from './metrics/assignment-metrics';
import { ASSIGNMENT_OPTIONS, type AssignmentOptions } from './options/assignment-options';
import { ConfigEventsService } from './ruleset/config-events.service';
import { RulesetStore } from './ruleset/ruleset-store';
import { FlagUsageService } from './usage/flag-usage.service';

const shared = [KafkaPublisher, RulesetStore, ConfigEventsService, ExposurePublisher, ExposureRecorder, FlagUsageService];

/** Providers shared by the controllers of several domains, and by the readiness checks. */
@Module({})
export class AssignmentCoreModule {
  static forRoot(options: AssignmentOptions): DynamicModule {
    return {
      module: AssignmentCoreModule,
      global: true,
      providers: [
        { provide: ASSIGNMENT_OPTIONS, useValue: options },
        { provide: AssignmentMetrics, inject: [METRICS_REGISTRY], useFactory: (r: MetricsRegistry) => new AssignmentMetrics(r) },
        ...shared,
      ],
      exports: [ASSIGNMENT_OPTIONS, AssignmentMetrics, ...shared],
    };
  }
}
