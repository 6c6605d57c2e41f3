import { Inject, Injectable } from '@nestjs/common';
import type { Experiment } from '@xp/contracts';
import { ConflictError } from '@xp/platform';
import { requireExisting, requireLive } from '../entities/entity-decider';
import { EntityCommandService } from '../entities/entity-command.service';
import { EntityQueryService } from '../entities/entity-query.service';
import { EVENT_STORE, type EventStore } from '../event-store/event-store';
import type { EntityView } from '../projections/entity-view';
import { experimentDefinition } from './experiment-definition';
import { decideRollout } from './experiment-rollout';
import type { RolloutCommand } from './rollout-command.schema';

// A rollout carries no expected version, so a concurrent edit of the experiment is simply retried.
const MAX_ATTEMPTS = 3;

@Injectable()
export class ExperimentRolloutService {
  constructor(
    @Inject(EntityCommandService) private readonly commands: EntityCommandService,
    @Inject(EntityQueryService) private readonly queries: EntityQueryService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** Applies a rollout decision once: a decision id seen before changes nothing and reports `applied: false`. */
  async apply(key: string, command: RolloutCommand, actor: string): Promise<{ applied: boolean; view: EntityView }> {
    for (let attempt = 1; ; attempt++) {
      if (await this.store.isDecisionProcessed(command.decisionId)) return { applied: false, view: await this.queries.get('experiment', key) };
      try {
        const view = await this.commands.run(
          'experiment',
          key,
          (current) => decideRollout(requireLive(experimentDefinition, key, requireExisting(experimentDefinition, key, current)).state as Experiment, command),
          { actor, decisionId: command.decisionId },
        );
        return { applied: true, view };
      } catch (err) {
        const code = err instanceof ConflictError ? err.code : undefined;
        if (code === 'decision_already_processed') return { applied: false, view: await this.queries.get('experiment', key) };
        if (code !== 'version_conflict' || attempt >= MAX_ATTEMPTS) throw err;
      }
    }
  }
}
