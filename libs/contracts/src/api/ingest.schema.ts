import { z } from 'zod';
import { exposureDataSchema } from '../messages/exposure';
import { metricEventDataSchema } from '../messages/metric-event';

/** Items per `POST /v1/events` or `POST /v1/exposures` body. */
export const MAX_ITEMS_PER_BATCH = 1000;
export const MAX_EVENT_PROPERTIES = 50;

/** When something happened, as sent by clients: ISO 8601 with offset, or epoch milliseconds. */
export const timestampSchema = z.union([
  z.iso.datetime({ offset: true }),
  z.number().int().min(0).max(8_640_000_000_000_000),
]);

/** Client-chosen envelope id, so a retried post can be deduplicated downstream. */
const itemIdSchema = z.uuid();

/** One metric event as SDKs post it to `POST /v1/events`; becomes a `metric.event` envelope keyed by unit. */
export const eventItemSchema = z.object({
  unit: metricEventDataSchema.shape.unitId,
  event: metricEventDataSchema.shape.event,
  value: metricEventDataSchema.shape.value,
  timestamp: timestampSchema.optional(),
  properties: metricEventDataSchema.shape.properties.refine(
    (p) => p === undefined || Object.keys(p).length <= MAX_EVENT_PROPERTIES,
    `at most ${MAX_EVENT_PROPERTIES} properties`,
  ),
  id: itemIdSchema.optional(),
});
export type EventItem = z.infer<typeof eventItemSchema>;
export type EventItemInput = z.input<typeof eventItemSchema>;

const exposureItemShape = z.object({
  unit: exposureDataSchema.shape.unitId,
  experimentKey: exposureDataSchema.shape.experimentKey,
  flagKey: exposureDataSchema.shape.flagKey,
  variant: exposureDataSchema.shape.variant,
  unitAttribute: exposureDataSchema.shape.unitAttribute,
  stage: exposureDataSchema.shape.stage,
  percentage: exposureDataSchema.shape.percentage,
  timestamp: timestampSchema.optional(),
  id: itemIdSchema.optional(),
});

/**
 * One exposure logged by an SDK that evaluates locally, as posted to `POST /v1/exposures`. `unit` (as in
 * /v1/evaluate and /v1/events); `unitId` (the field name of the exposure message) is accepted as its alias.
 */
export const exposureItemSchema = z.preprocess((raw) => {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const item = raw as Record<string, unknown>;
  if (item.unit !== undefined || item.unitId === undefined) return raw;
  const { unitId, ...rest } = item;
  return { ...rest, unit: unitId };
}, exposureItemShape);
export type ExposureItem = z.infer<typeof exposureItemShape>;

/** The outer shape of an ingest body: `{ [field]: [...] }` with 1..1000 items, each validated on its own. */
export function batchBodySchema<F extends string>(field: F) {
  return z.object({ [field]: z.array(z.unknown()).min(1).max(MAX_ITEMS_PER_BATCH) } as Record<F, z.ZodArray<z.ZodUnknown>>);
}

/** What is wrong with one item: `path` relative to the item (`timestamp`, `properties`, ...). */
export const itemIssueSchema = z.object({ path: z.string(), message: z.string() });
export type ItemIssue = z.infer<typeof itemIssueSchema>;

/** An item the service refused, by its index in the posted batch. Permanent: resending it unchanged fails again. */
export const rejectedItemSchema = z.object({ index: z.number().int().min(0), errors: z.array(itemIssueSchema) });
export type RejectedItem = z.infer<typeof rejectedItemSchema>;

/** Body of the 202 (`rejected` empty) and 207 (some rejected; the others are stored) answers of the ingest endpoints. */
export const ingestResultSchema = z.object({
  accepted: z.number().int().min(0),
  rejected: z.array(rejectedItemSchema),
  /** Indexes of items whose id an earlier item of the same batch already had: accepted, published once. */
  duplicates: z.array(z.number().int().min(0)).optional(),
});
export type IngestResult = z.infer<typeof ingestResultSchema>;

/** `error.details` of the 400 `no_valid_events` / `no_valid_exposures` answer: every item refused. */
export const noValidItemsDetailsSchema = z.object({ accepted: z.literal(0), rejected: z.array(rejectedItemSchema) });
