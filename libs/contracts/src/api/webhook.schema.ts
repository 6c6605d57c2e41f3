import { z } from 'zod';

/** Deployment event actions a webhook subscription can filter on (the `data.action` of a `deployment.event`). */
export const WEBHOOK_EVENT_TYPES = [
  'SHIFT_TRAFFIC',
  'PROMOTE',
  'ROLLBACK',
  'HOLD',
  'AWAITING_APPROVAL',
  'AUTOMATION_PAUSED',
  'AUTOMATION_RESUMED',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Every event type, now and later. */
export const ALL_WEBHOOK_EVENTS = '*';

/** Where deliveries are POSTed: http(s) only (no file:, data:, ...); the path may embed a receiver's token. */
export const webhookUrlSchema = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000);

/** `["*"]` or a non-empty list of known event types; repeats are dropped. */
export const webhookEventsSchema = z
  .array(z.enum([ALL_WEBHOOK_EVENTS, ...WEBHOOK_EVENT_TYPES], { error: `one of ${[ALL_WEBHOOK_EVENTS, ...WEBHOOK_EVENT_TYPES].join(', ')}` }))
  .min(1)
  .max(WEBHOOK_EVENT_TYPES.length + 1)
  .transform((events) => (events.includes(ALL_WEBHOOK_EVENTS) ? [ALL_WEBHOOK_EVENTS] : [...new Set(events)]));

/** A caller-chosen signing secret; when absent the service generates one. */
export const webhookSecretSchema = z.string().min(16, 'at least 16 characters').max(200);

/** `POST /v1/webhooks`. */
export const webhookCreateSchema = z.strictObject({
  url: webhookUrlSchema,
  events: webhookEventsSchema.default([ALL_WEBHOOK_EVENTS]),
  enabled: z.boolean().default(true),
  secret: webhookSecretSchema.optional(),
});
export type WebhookCreate = z.infer<typeof webhookCreateSchema>;
export type WebhookCreateInput = z.input<typeof webhookCreateSchema>;

/** `PATCH /v1/webhooks/:id`: at least one field; the secret changes only through rotate-secret. */
export const webhookUpdateSchema = z
  .strictObject({ url: webhookUrlSchema.optional(), events: webhookEventsSchema.optional(), enabled: z.boolean().optional() })
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), 'give at least one of url, events, enabled');
export type WebhookUpdate = z.infer<typeof webhookUpdateSchema>;

/** `GET /v1/webhooks/:id/deliveries` query. */
export const webhookDeliveriesQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
