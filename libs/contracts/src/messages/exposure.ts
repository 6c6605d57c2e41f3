import { z } from 'zod';
import { messageKeySchema, percentageSchema, unitIdSchema } from '../common-schemas';
import { EnvironmentKeySchema } from '../domain/environment.schema';
import { defineMessageType } from '../message-type';

/** A unit was shown a variant of an experiment; the time is the envelope's occurredAt. */
export const exposureDataSchema = z.object({
  experimentKey: messageKeySchema,
  flagKey: messageKeySchema,
  variant: messageKeySchema,
  unitId: unitIdSchema,
  /** Which attribute the unit id came from (e.g. "userId"), when not the default. */
  unitAttribute: z.string().min(1).max(100).optional(),
  stage: z.number().int().min(0).optional(),
  percentage: percentageSchema.optional(),
  /** The environment the unit was evaluated in; absent in exposures logged before environments existed. */
  environment: EnvironmentKeySchema.optional(),
});

export type ExposureData = z.infer<typeof exposureDataSchema>;

export const exposureMessage = defineMessageType('exposure', 1, exposureDataSchema);
