import { metricEventDataSchema } from '@xp/contracts';
import { z } from 'zod';
import { timestampSchema } from '../ingest/occurred-at';

export const MAX_EVENT_PROPERTIES = 50;

/** One metric event as SDKs post it; becomes a `metric.event` envelope keyed by unit. */
export const eventItemSchema = z.object({
  unit: metricEventDataSchema.shape.unitId,
  event: metricEventDataSchema.shape.event,
  value: metricEventDataSchema.shape.value,
  timestamp: timestampSchema.optional(),
  properties: metricEventDataSchema.shape.properties.refine(
    (p) => p === undefined || Object.keys(p).length <= MAX_EVENT_PROPERTIES,
    `at most ${MAX_EVENT_PROPERTIES} properties`,
  ),
  /** Client-chosen envelope id, so a retried post can be deduplicated downstream. */
  id: z.uuid().optional(),
});
export type EventItem = z.infer<typeof eventItemSchema>;
