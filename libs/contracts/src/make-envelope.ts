import { type DataOf, type EnvelopeOf, type MessageTypeName, messageTypes } from './message-registry';

export interface MakeEnvelopeOptions {
  id?: string;
  /** ISO-8601 time or a Date; defaults to now. */
  occurredAt?: string | Date;
}

/** Wraps data in an envelope of the registered type and version. Does not validate: producers do. */
export function makeEnvelope<T extends MessageTypeName>(
  type: T,
  data: DataOf<T>,
  options: MakeEnvelopeOptions = {},
): EnvelopeOf<T> {
  const occurredAt = options.occurredAt ?? new Date();
  return {
    id: options.id ?? globalThis.crypto.randomUUID(),
    type,
    schemaVersion: messageTypes[type].schemaVersion,
    occurredAt: typeof occurredAt === 'string' ? occurredAt : occurredAt.toISOString(),
    data,
  };
}
