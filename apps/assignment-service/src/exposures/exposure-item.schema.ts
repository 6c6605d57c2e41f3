import { exposureDataSchema } from '@xp/contracts';
import { z } from 'zod';
import { timestampSchema } from '../ingest/occurred-at';

const itemSchema = z.object({
  unit: exposureDataSchema.shape.unitId,
  experimentKey: exposureDataSchema.shape.experimentKey,
  flagKey: exposureDataSchema.shape.flagKey,
  variant: exposureDataSchema.shape.variant,
  unitAttribute: exposureDataSchema.shape.unitAttribute,
  stage: exposureDataSchema.shape.stage,
  percentage: exposureDataSchema.shape.percentage,
  timestamp: timestampSchema.optional(),
  id: z.uuid().optional(),
});

/**
 * One exposure logged by an SDK that evaluates locally. `unit` (as in /v1/evaluate and /v1/events);
 * `unitId` (the field name of the exposure message) is accepted as its alias.
 */
export const exposureItemSchema = z.preprocess((raw) => {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const item = raw as Record<string, unknown>;
  if (item.unit !== undefined || item.unitId === undefined) return raw;
  const { unitId, ...rest } = item;
  return { ...rest, unit: unitId };
}, itemSchema);
export type ExposureItem = z.infer<typeof itemSchema>;
