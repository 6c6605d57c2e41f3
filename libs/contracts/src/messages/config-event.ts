import { z } from 'zod';
import { jsonObjectSchema, messageKeySchema } from '../common-schemas';
import { defineMessageType } from '../message-type';

export const streamTypeSchema = z.enum(['flag', 'segment', 'metric', 'experiment', 'environment', 'schedule', 'holdout']);

/**
 * One committed event of the config event store, relayed in store order.
 * Delivery is at-least-once: consumers drop repeats on (streamId, version).
 */
export const configEventDataSchema = z.object({
  streamId: messageKeySchema,
  streamType: streamTypeSchema,
  version: z.number().int().min(1),
  /** Global position in the event store; strictly increasing across all streams. */
  position: z.number().int().min(1),
  eventType: z.string().min(1).max(100),
  payload: jsonObjectSchema,
  actor: z.string().min(1).max(200).optional(),
  /** The writer's change comment, when one was given (older events and consumers: none). */
  comment: z.string().min(1).max(500).optional(),
});

export type StreamType = z.infer<typeof streamTypeSchema>;
export type ConfigEventData = z.infer<typeof configEventDataSchema>;

export const configEventMessage = defineMessageType('config.event', 1, configEventDataSchema);
