import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Schedule } from '@xp/contracts';
import { ConflictError } from '@xp/platform';
import { EntityCommandService } from '../entities/entity-command.service';
import { EntityQueryService } from '../entities/entity-query.service';
import { EVENT_STORE, type EventStore } from '../event-store/event-store';
import { appliedComment, classifyApplyError, decideApplied, decideFailed, isDue } from './schedule-decisions';
import { scheduleDefinition } from './schedule-definition';
import { targetWriteOf } from './schedule-target';

/** Actor of the schedule's own ScheduleApplied / ScheduleFailed events. */
export const SCHEDULER_ACTOR = 'scheduler';

export type ApplyOutcome = 'applied' | 'failed' | 'skipped' | 'retry';

/**
 * Applies due schedules, each exactly once, however many instances run and however often they
 * restart. One transaction (under the event store's write lock) re-reads the schedule, runs the
 * target's write (the same decide / check / append as a REST write; actor: the schedule's creator,
 * comment "scheduled: <key>") and appends ScheduleApplied at the schedule's version. A second
 * instance, or a retry after a crash, finds it no longer pending and does nothing; were the
 * re-read ever bypassed, the schedule stream's expected version refuses the second append and the
 * whole transaction (the target's events too) rolls back. A refusal of the target (409/422...) is
 * recorded as ScheduleFailed in the same transaction; an engine outage is logged and retried on the
 * next tick. Nothing is kept in memory: each tick reads the pending schedules from the store.
 */
@Injectable()
export class ScheduleRunner {
  private readonly logger = new Logger('ScheduleRunner');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EntityCommandService) private readonly commands: EntityCommandService,
    @Inject(EntityQueryService) private readonly queries: EntityQueryService,
  ) {}

  /** One pass: every schedule due at `now`, oldest `at` first. */
  async tick(now = new Date()): Promise<Record<string, ApplyOutcome>> {
    const due = (await this.queries.list('schedule', false))
      .filter((view) => isDue(view.state as Schedule, now))
      .sort((a, b) => Date.parse((a.state as Schedule).at) - Date.parse((b.state as Schedule).at));
    const outcomes: Record<string, ApplyOutcome> = {};
    for (const view of due) outcomes[view.key] = await this.applyOne(view.key, now);
    return outcomes;
  }

  async applyOne(key: string, now = new Date()): Promise<ApplyOutcome> {
    try {
      return await this.store.write(async (session) => {
        const view = await session.get('schedule', key);
        if (!view || !isDue(view.state as Schedule, now)) return 'skipped';
        const schedule = view.state as Schedule;
        const target = targetWriteOf(schedule.change);
        const scheduleOptions = { expectedVersion: view.version, actor: SCHEDULER_ACTOR, comment: appliedComment(key, schedule.comment) };
        let applied;
        try {
          applied = await this.commands.writeIn(session, target.definition, target.key, target.decide, {
            expectedVersion: schedule.expectedVersion,
            actor: schedule.createdBy,
            comment: appliedComment(key, schedule.comment),
            environment: target.environment,
          });
        } catch (err) {
          const verdict = classifyApplyError(err);
          // Domain refusals are thrown before any failing statement: the transaction is still usable.
          if (verdict.kind === 'retry') throw err;
          this.logger.warn(`schedule '${key}' failed: ${verdict.message}`);
          await this.commands.writeIn(session, scheduleDefinition, key, (current) => decideFailed(current, key, verdict.message, now), scheduleOptions);
          return 'failed';
        }
        const targetVersion = { streamType: applied.streamType, key: applied.key, version: applied.version };
        await this.commands.writeIn(session, scheduleDefinition, key, (current) => decideApplied(current, key, targetVersion, now), scheduleOptions);
        return 'applied';
      });
    } catch (err) {
      if (err instanceof ConflictError) return 'skipped'; // another instance got there first
      this.logger.warn(`schedule '${key}' not applied yet, retrying next tick: ${(err as Error).message}`);
      return 'retry';
    }
  }
}
