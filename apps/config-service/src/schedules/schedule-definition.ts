import { ScheduleSchema } from '@xp/contracts';
import type { EntityDefinition } from '../entities/entity-definition';
import { decideCancel } from './schedule-decisions';

/**
 * Schedules are a stream type like the others, so they get the event store's versioning, audit and
 * relay for free. They name no references of their own for the shared checks: the target is checked
 * by running its own write as a dry run when the schedule is created (ScheduleService), and a target
 * archived later simply makes the schedule fail.
 */
export const scheduleDefinition: EntityDefinition = {
  streamType: 'schedule',
  eventPrefix: 'Schedule',
  toState: (input) => ScheduleSchema.parse(input),
  referencedTypes: [],
  referenceProblems: () => [],
  commands: {
    cancel: (current, key) => decideCancel(current, key, new Date()),
  },
};
