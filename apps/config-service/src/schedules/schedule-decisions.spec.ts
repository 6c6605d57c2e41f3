import { ScheduleSchema, type Schedule } from '@xp/contracts';
import { ConflictError, NotFoundError, UnavailableError, UnprocessableError } from '@xp/platform';
import { z } from 'zod';
import type { EntityView } from '../projections/entity-view';
import { appliedComment, classifyApplyError, decideApplied, decideCancel, decideFailed, decideScheduleCreated, isDue } from './schedule-decisions';

const now = new Date('2026-03-01T12:00:00.000Z');
const input = { key: 'night-off', at: '2026-03-01T12:00:05.000Z', change: { kind: 'flag.kill-switch' as const, flagKey: 'f', enabled: false } };
const viewOf = (schedule: Schedule, version = 1): EntityView => ({ streamType: 'schedule', key: schedule.key, version, state: schedule, archived: false, updatedAt: now });
const pending = ScheduleSchema.parse({ ...input, status: 'pending', createdBy: 'alice' });

describe('schedule decisions', () => {
  it('creates a pending schedule owned by its creator, only for a time in the future', () => {
    expect(decideScheduleCreated(input, 'alice', now)).toEqual({ ...input, status: 'pending', createdBy: 'alice' });
    for (const at of ['2026-03-01T12:00:00.000Z', '2026-03-01T11:00:00.000Z']) {
      const error = (() => {
        try {
          decideScheduleCreated({ ...input, at }, 'alice', now);
        } catch (err) {
          return err;
        }
      })();
      expect(error).toBeInstanceOf(UnprocessableError);
      expect(error).toMatchObject({ code: 'not_in_future', details: { issues: [{ path: 'at', message: 'must be in the future' }] } });
    }
  });

  it('is due once its time has come, and only while pending', () => {
    expect(isDue(pending, new Date('2026-03-01T12:00:04.999Z'))).toBe(false);
    expect(isDue(pending, new Date('2026-03-01T12:00:05.000Z'))).toBe(true);
    expect(isDue(pending, new Date('2026-03-02T00:00:00.000Z'))).toBe(true);
    for (const status of ['applied', 'cancelled', 'failed'] as const) {
      expect(isDue({ ...pending, status }, new Date('2026-03-02T00:00:00.000Z'))).toBe(false);
    }
  });

  it('cancels only a pending schedule: 404 for none, 409 naming the status otherwise', () => {
    const [event] = decideCancel(viewOf(pending), 'night-off', now);
    expect(event).toEqual({ eventType: 'ScheduleCancelled', payload: { state: { ...pending, status: 'cancelled', cancelledAt: now.toISOString() } } });
    expect(() => decideCancel(undefined, 'nope', now)).toThrow(NotFoundError);
    for (const status of ['applied', 'cancelled', 'failed'] as const) {
      expect(() => decideCancel(viewOf({ ...pending, status }), 'night-off', now)).toThrow(ConflictError);
      expect(() => decideCancel(viewOf({ ...pending, status }), 'night-off', now)).toThrow(`it is ${status}`);
    }
  });

  it('records the applied target version, and a failure with its reason; neither twice', () => {
    const [applied] = decideApplied(viewOf(pending), 'night-off', { streamType: 'flag', key: 'f', version: 4 }, now);
    expect(applied.eventType).toBe('ScheduleApplied');
    expect(applied.payload.state).toEqual({ ...pending, status: 'applied', appliedAt: now.toISOString(), appliedVersion: 4 });
    const [failed] = decideFailed(viewOf(pending), 'night-off', 'Expected version 1 but the current version is 2', now);
    expect(failed.payload.state).toEqual({ ...pending, status: 'failed', failedAt: now.toISOString(), error: 'Expected version 1 but the current version is 2' });
    const done = viewOf(applied.payload.state as Schedule, 2);
    expect(() => decideApplied(done, 'night-off', { streamType: 'flag', key: 'f', version: 5 }, now)).toThrow(ConflictError);
    expect(() => decideFailed(done, 'night-off', 'x', now)).toThrow(ConflictError);
  });

  it('fails a schedule on a refusal of its target, and retries on an outage or a bug', () => {
    expect(classifyApplyError(new ConflictError('version_conflict', 'moved on'))).toEqual({ kind: 'refused', message: 'moved on' });
    expect(classifyApplyError(new UnprocessableError('unknown_reference', 'no segment'))).toEqual({ kind: 'refused', message: 'no segment' });
    expect(classifyApplyError(new NotFoundError('not_found', 'gone'))).toEqual({ kind: 'refused', message: 'gone' });
    expect(classifyApplyError(z.object({ a: z.string() }).safeParse({}).error)).toMatchObject({ kind: 'refused' });
    expect(classifyApplyError(new UnavailableError('postgres_unavailable', 'down'))).toEqual({ kind: 'retry' });
    expect(classifyApplyError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toEqual({ kind: 'retry' });
    expect(classifyApplyError(new TypeError('a bug'))).toEqual({ kind: 'retry' });
  });

  it('says in the applied change comment that it was scheduled', () => {
    expect(appliedComment('night-off', undefined)).toBe('scheduled: night-off');
    expect(appliedComment('night-off', 'quiet hours')).toBe('scheduled: night-off: quiet hours');
  });
});
