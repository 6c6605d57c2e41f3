import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type AssignmentServiceConfig } from '@xp/platform';
import type { Kafka } from 'kafkajs';
import { AssignmentCoreModule } from './assignment-core.module';
import { ConnectionsModule, readinessChecks } from './connections/connections.module';
import { KAFKA } from './connections/tokens';
import { EvaluateController } from './evaluate/evaluate.controller';
import { EvaluateService } from './evaluate/evaluate.service';
import { EventsController } from './events/events.controller';
import { EventsService } from './events/events.service';
import { ExposuresIngestService } from './exposures/exposures-ingest.service';
import { ExposuresController } from './exposures/exposures.controller';
import { resolveAssignmentOptions, type AssignmentOverrides } from './options/assignment-options';
import { ConfigEventsService } from './ruleset/config-events.service';
import { RulesetController } from './ruleset/ruleset.controller';
import { RulesetStreamController } from './stream/ruleset-stream.controller';

@Module({})
export class AppModule {
  /** `overrides` (topic names, exposure buffer and dedup sizes...) let tests and the e2e suite boot it in isolation. */
  static forRoot(config: AssignmentServiceConfig, overrides: AssignmentOverrides = {}): DynamicModule {
    const connections = ConnectionsModule.forRoot(config);
    const { configEvents, exposures, events, flagUsage } = config.kafka.topics;
    const topics = { configEvents: configEvents.name, exposures: exposures.name, events: events.name, flagUsage: flagUsage.name, ...overrides.topics };
    const flushIntervalMs = config.flagUsageFlushMs;
    const ingestWindow = {
      ...(config.ingestMaxAgeMs === undefined ? {} : { maxAgeMs: config.ingestMaxAgeMs }),
      ...(config.ingestMaxFutureMs === undefined ? {} : { maxFutureMs: config.ingestMaxFutureMs }),
      ...overrides.ingestWindow,
    };
    const core = AssignmentCoreModule.forRoot(
      resolveAssignmentOptions({
        ...(config.produceTimeoutMs === undefined ? {} : { produceTimeoutMs: config.produceTimeoutMs }),
        ...overrides,
        topics,
        ingestWindow,
        flagUsage: { ...(flushIntervalMs === undefined ? {} : { flushIntervalMs }), ...overrides.flagUsage },
      }),
    );
    return {
      module: AppModule,
      imports: [
        connections,
        core,
        PlatformModule.forRoot({
          config,
          // The evaluate hot path: no info line per request (4xx/5xx still logged).
          quietRoutes: ['v1/evaluate'],
          readiness: {
            imports: [connections, core],
            inject: [KAFKA, ConfigEventsService],
            useFactory: (kafka: Kafka, configEvents: ConfigEventsService) => [...readinessChecks.useFactory(kafka), configEvents.readiness()],
          },
        }),
      ],
      controllers: [EvaluateController, EventsController, ExposuresController, RulesetController, RulesetStreamController],
      providers: [EvaluateService, EventsService, ExposuresIngestService],
    };
  }
}
