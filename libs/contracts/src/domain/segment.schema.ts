import { z } from 'zod';
import { ConditionSchema } from './condition.schema';
import { KeySchema } from './key.schema';

/** A reusable set of conditions (all must hold), referenced by `inSegment`. */
export const SegmentSchema = z.object({
  key: KeySchema,
  description: z.string().max(2000).default(''),
  conditions: z.array(ConditionSchema).max(100),
});
export type Segment = z.infer<typeof SegmentSchema>;
export type SegmentInput = z.input<typeof SegmentSchema>;
