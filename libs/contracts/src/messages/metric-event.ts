import { z } from 'zod';
import { finiteNumber, messageKeySchema, unitIdSchema } from '../common-schemas';
import { defineMessageType } from '../message-type';

const propertyValueSchema = z.union([z.string().max(1000), finiteNumber, z.boolean(), z.null()]);

/**
 * Something a unit did. Without a value it counts as a conversion; with one it is a measurement
 * (revenue, latency...). The time is the envelope's occurredAt.
 */
export const metricEventDataSchema = z.object({
  unitId: unitIdSchema,
  event: messageKeySchema,
  value: finiteNumber.optional(),
  properties: z.record(z.string().min(1).max(200), propertyValueSchema).optional(),
});

export type MetricEventData = z.infer<typeof metricEventDataSchema>;

export const metricEventMessage = defineMessageType('metric.event', 1, metricEventDataSchema);
