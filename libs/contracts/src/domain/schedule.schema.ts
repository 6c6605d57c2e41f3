import { z } from 'zod';
import { EnvironmentKeySchema } from './environment.schema';
import { KeySchema } from './key.schema';

/**
 * What a schedule changes when it comes due. The flag body of `flag.replace` is the body a
 * `PUT /v1/flags/:flagKey` would take; config-service validates it (and every reference it makes)
 * when the schedule is created, so a schedule that is accepted is one that could be applied now.
 */
export const ScheduledChangeSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('flag.replace'),
    flagKey: KeySchema,
    /** The environment the flag write applies to (default production). */
    environment: EnvironmentKeySchema.optional(),
    flag: z.record(z.string(), z.unknown()),
  }),
  z.strictObject({
    kind: z.literal('flag.kill-switch'),
    flagKey: KeySchema,
    environment: EnvironmentKeySchema.optional(),
    enabled: z.boolean(),
  }),
  /** The rollout start: draft -> running. */
  z.strictObject({ kind: z.literal('experiment.start'), experimentKey: KeySchema }),
]);
export type ScheduledChange = z.infer<typeof ScheduledChangeSchema>;
export type ScheduledChangeKind = ScheduledChange['kind'];

/** An ISO 8601 time with an offset (`Z` or `+02:00`). */
const IsoTimeSchema = z.iso.datetime({ offset: true });

/** `POST /v1/schedules`: a change to apply once, at `at`. */
export const ScheduleInputSchema = z.strictObject({
  key: KeySchema,
  at: IsoTimeSchema,
  change: ScheduledChangeSchema,
  /**
   * The target's version this change is based on. When set and the target has moved on by the
   * time the schedule is due, the schedule fails with the reason instead of overwriting.
   */
  expectedVersion: z.number().int().min(1).optional(),
  /** Why: kept with the schedule and with the change it applies. */
  comment: z.string().max(500).optional(),
});
export type ScheduleInput = z.infer<typeof ScheduleInputSchema>;

export const SCHEDULE_STATUSES = ['pending', 'applied', 'cancelled', 'failed'] as const;
export const ScheduleStatusSchema = z.enum(SCHEDULE_STATUSES);
export type ScheduleStatus = z.infer<typeof ScheduleStatusSchema>;

/** A schedule as stored and served: the input, who created it, and what became of it. */
export const ScheduleSchema = ScheduleInputSchema.extend({
  status: ScheduleStatusSchema,
  /** The actor who created it; the applied change is recorded under this actor. */
  createdBy: z.string().min(1),
  appliedAt: IsoTimeSchema.optional(),
  /** The target's version after the change. */
  appliedVersion: z.number().int().min(1).optional(),
  cancelledAt: IsoTimeSchema.optional(),
  failedAt: IsoTimeSchema.optional(),
  /** Why it failed (the target command's error message). */
  error: z.string().optional(),
});
export type Schedule = z.infer<typeof ScheduleSchema>;

/** The entity a change targets: its stream type and key. */
export function scheduleTarget(change: ScheduledChange): { streamType: 'flag' | 'experiment'; key: string } {
  return change.kind === 'experiment.start' ? { streamType: 'experiment', key: change.experimentKey } : { streamType: 'flag', key: change.flagKey };
}
