import { Inject, Injectable } from '@nestjs/common';
import { ConflictError } from '@xp/platform';
import { EntityCommandService } from '../entities/entity-command.service';
import { EntityQueryService } from '../entities/entity-query.service';
import { EVENT_STORE, type EventStore } from '../event-store/event-store';
import type { EntityView } from '../projections/entity-view';
import type { RolloutCommand } from './rollout-command.schema';

@Injectable()
export class ExperimentRolloutService {
  constructor(
    @Inject(EntityCommandService) private readonly commands: EntityCommandService,
    @Inject(EntityQueryService) private readonly queries: EntityQueryService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** Applies a rollout decision once: a decision id seen before changes nothing and reports `applied: false`. */
  async apply(key: string, command: RolloutCommand, actor: string): Promise<{ applied: boolean; view: EntityView }> {
    if (await this.store.isDecisionProcessed(command.decisionId)) return { applied: false, view: await this.queries.get('experiment', key) };
    try {
      // No expected version: the command applies to whatever version the write's transaction reads.
      const view = await this.commands.execute('experiment', key, 'rollout', command, { actor, decisionId: command.decisionId });
      return { applied: true, view };
    } catch (err) {
      if (err instanceof ConflictError && err.code === 'decision_already_processed') return { applied: false, view: await this.queries.get('experiment', key) };
      throw err;
    }
  }
}
