import { z } from 'zod';

/** The one envelope every Kafka message travels in; `data` is checked against the message type. */
export const envelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().min(1).max(100),
  schemaVersion: z.number().int().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
  data: z.unknown(),
});

export type EnvelopeBase = z.infer<typeof envelopeSchema>;

export interface Envelope<TType extends string = string, TData = unknown> {
  id: string;
  type: TType;
  schemaVersion: number;
  occurredAt: string;
  data: TData;
}
