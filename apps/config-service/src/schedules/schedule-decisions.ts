import { ScheduleSchema, type Schedule, type ScheduleInput } from '@xp/contracts';
import { ConflictError, NotFoundError, toErrorResponse, UnprocessableError } from '@xp/platform';
import type { NewEvent } from '../event-store/stored-event';
import type { EntityView } from '../projections/entity-view';

/**
 * The rules of a schedule's life, free of I/O: pending until it is applied, fails or is cancelled;
 * each of those is final. Every event carries the complete state (like every other stream).
 */

/** The new schedule's state; `at` must lie ahead of `now` (a past time would apply at once, surprising nobody but its author). */
export function decideScheduleCreated(input: ScheduleInput, createdBy: string, now: Date): Record<string, unknown> {
  if (Date.parse(input.at) <= now.getTime()) {
    throw new UnprocessableError('not_in_future', `at ${input.at} is not in the future (now ${now.toISOString()})`, {
      details: { issues: [{ path: 'at', message: 'must be in the future' }] },
    });
  }
  return ScheduleSchema.parse({ ...input, status: 'pending', createdBy });
}

/** Due: still pending and its time has come. */
export function isDue(schedule: Pick<Schedule, 'status' | 'at'>, now: Date): boolean {
  return schedule.status === 'pending' && Date.parse(schedule.at) <= now.getTime();
}

function requirePending(key: string, current: EntityView | undefined, action: string): Schedule {
  if (!current) throw new NotFoundError('not_found', `No schedule '${key}'`, { details: { key } });
  const schedule = current.state as Schedule;
  if (schedule.status !== 'pending') {
    throw new ConflictError('not_pending', `Cannot ${action} schedule '${key}': it is ${schedule.status}`, { details: { key, status: schedule.status } });
  }
  return schedule;
}

export function decideCancel(current: EntityView | undefined, key: string, now: Date): NewEvent[] {
  const schedule = requirePending(key, current, 'cancel');
  const state = ScheduleSchema.parse({ ...schedule, status: 'cancelled', cancelledAt: now.toISOString() });
  return [{ eventType: 'ScheduleCancelled', payload: { state } }];
}

export function decideApplied(current: EntityView | undefined, key: string, target: { streamType: string; key: string; version: number }, now: Date): NewEvent[] {
  const schedule = requirePending(key, current, 'apply');
  const state = ScheduleSchema.parse({ ...schedule, status: 'applied', appliedAt: now.toISOString(), appliedVersion: target.version });
  return [{ eventType: 'ScheduleApplied', payload: { state, target } }];
}

export function decideFailed(current: EntityView | undefined, key: string, error: string, now: Date): NewEvent[] {
  const schedule = requirePending(key, current, 'fail');
  const state = ScheduleSchema.parse({ ...schedule, status: 'failed', failedAt: now.toISOString(), error });
  return [{ eventType: 'ScheduleFailed', payload: { state, error } }];
}

/**
 * What the scheduler does with an error of the target's command: a refusal (400/404/409/422: the
 * expected version moved, the experiment cannot start, the flag was archived) is final and recorded
 * as ScheduleFailed; anything else (an engine outage, a bug) is retried on the next tick.
 */
export function classifyApplyError(err: unknown): { kind: 'refused'; message: string } | { kind: 'retry' } {
  const { status, body } = toErrorResponse(err);
  return status >= 400 && status < 500 ? { kind: 'refused', message: body.error.message } : { kind: 'retry' };
}

/** The change comment of the applied change: it says it was scheduled, and why if the schedule said. */
export function appliedComment(key: string, comment: string | undefined): string {
  return comment ? `scheduled: ${key}: ${comment}` : `scheduled: ${key}`;
}
