import { Module } from '@nestjs/common';
import { AuditController } from '../audit/audit.controller';
import { EnvironmentsController } from '../environments/environments.controller';
import { EventStoreModule } from '../event-store/event-store.module';
import { ExperimentRolloutService } from '../experiments/experiment-rollout.service';
import { ExperimentsController } from '../experiments/experiments.controller';
import { GuardedRolloutService } from '../experiments/guarded-rollout.service';
import { GuardedRolloutsController } from '../experiments/guarded-rollouts.controller';
import { FlagsController } from '../flags/flags.controller';
import { HoldoutsController } from '../holdouts/holdouts.controller';
import { MetricDefinitionsController } from '../metrics/metric-definitions.controller';
import { SegmentsController } from '../segments/segments.controller';
import { EntityCommandService } from './entity-command.service';
import { EntityQueryService } from './entity-query.service';

/** The admin REST API: environments, flags, segments, metrics, experiments and the audit log. */
@Module({
  imports: [EventStoreModule],
  controllers: [EnvironmentsController, FlagsController, SegmentsController, MetricDefinitionsController, ExperimentsController, GuardedRolloutsController, HoldoutsController, AuditController],
  providers: [EntityCommandService, EntityQueryService, ExperimentRolloutService, GuardedRolloutService],
  exports: [EntityCommandService, EntityQueryService],
})
export class EntitiesModule {}
