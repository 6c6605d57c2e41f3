import { KeySchema, ScheduleStatusSchema } from '@xp/contracts';
import { z } from 'zod';

/** `GET /v1/schedules`: strict, so a misspelt filter is a 400 rather than everything. */
export const ScheduleListQuerySchema = z.strictObject({
  status: ScheduleStatusSchema.optional(),
  entityKey: KeySchema.optional(),
});
