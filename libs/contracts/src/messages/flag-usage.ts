import { z } from 'zod';
import { messageKeySchema } from '../common-schemas';
import { EnvironmentKeySchema } from '../domain/environment.schema';
import { defineMessageType } from '../message-type';

/** Most (flag, environment) items one message carries; a recorder with more splits its window. */
export const FLAG_USAGE_MAX_ITEMS = 1000;

/** How often one flag was evaluated in one environment during the window, and when last. */
export const flagUsageItemSchema = z.object({
  flagKey: messageKeySchema,
  environment: EnvironmentKeySchema,
  evaluations: z.number().int().min(1),
  lastEvaluatedAt: z.iso.datetime({ offset: true }),
});

/**
 * One assignment-service instance's flag evaluations over one flush window. The envelope id is
 * derived from (source, windowStart, part), so a redelivered or re-sent window counts once; a window
 * whose send failed is merged into the next one, which gets its own id.
 */
export const flagUsageDataSchema = z
  .object({
    /** The recording instance (stable for its life: host, pid and start time). */
    source: z.string().min(1).max(200),
    windowStart: z.iso.datetime({ offset: true }),
    windowEnd: z.iso.datetime({ offset: true }),
    items: z.array(flagUsageItemSchema).min(1).max(FLAG_USAGE_MAX_ITEMS),
  })
  .refine((d) => Date.parse(d.windowStart) <= Date.parse(d.windowEnd), { message: 'windowStart must not be after windowEnd', path: ['windowEnd'] });

export type FlagUsageItem = z.infer<typeof flagUsageItemSchema>;
export type FlagUsageData = z.infer<typeof flagUsageDataSchema>;

export const flagUsageMessage = defineMessageType('flag.usage', 1, flagUsageDataSchema);
