import { Inject, Injectable } from '@nestjs/common';
import { scheduleTarget, ScheduleInputSchema, type Schedule, type ScheduleStatus } from '@xp/contracts';
import { EntityCommandService } from '../entities/entity-command.service';
import { decideCreate } from '../entities/entity-decider';
import { EntityQueryService } from '../entities/entity-query.service';
import { EVENT_STORE, type EventStore } from '../event-store/event-store';
import type { EntityView } from '../projections/entity-view';
import { decideScheduleCreated } from './schedule-decisions';
import { scheduleDefinition } from './schedule-definition';
import { asScheduleError, targetWriteOf } from './schedule-target';

export interface ScheduleFilter {
  status?: ScheduleStatus;
  /** The target's key (a flag or an experiment). */
  entityKey?: string;
}

/** Creating, cancelling and reading schedules; applying them is ScheduleRunner's. */
@Injectable()
export class ScheduleService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EntityCommandService) private readonly commands: EntityCommandService,
    @Inject(EntityQueryService) private readonly queries: EntityQueryService,
  ) {}

  /**
   * In one transaction: the target's write as a dry run (so an accepted schedule is one that could
   * be applied now: the same 400/404/409/422 a direct write would give, paths relative to the
   * schedule body), then ScheduleCreated.
   */
  create(body: Record<string, unknown>, actor: string, comment: string | undefined, now = new Date()): Promise<EntityView> {
    const input = ScheduleInputSchema.parse({ ...body, comment });
    const state = decideScheduleCreated(input, actor, now);
    const target = targetWriteOf(input.change);
    return this.store.write(async (session) => {
      try {
        await this.commands.decideIn(session, target.definition, target.key, target.decide, { expectedVersion: input.expectedVersion });
      } catch (err) {
        throw asScheduleError(err, input.change);
      }
      return this.commands.writeIn(session, scheduleDefinition, input.key, (current) => decideCreate(scheduleDefinition, current, state), {
        expectedVersion: 0,
        actor,
        comment,
      });
    });
  }

  /** Only while pending (409 otherwise); the expected version is the schedule's. */
  cancel(key: string, expectedVersion: number, actor: string, comment: string | undefined): Promise<EntityView> {
    return this.commands.execute('schedule', key, 'cancel', undefined, { expectedVersion, actor, comment });
  }

  get(key: string): Promise<EntityView> {
    return this.queries.get('schedule', key);
  }

  /** Every schedule (by key), optionally only those of one status or one target. */
  async list(filter: ScheduleFilter): Promise<EntityView[]> {
    const views = await this.queries.list('schedule', false);
    return views.filter((view) => {
      const schedule = view.state as Schedule;
      if (filter.status && schedule.status !== filter.status) return false;
      return !filter.entityKey || scheduleTarget(schedule.change).key === filter.entityKey;
    });
  }
}
