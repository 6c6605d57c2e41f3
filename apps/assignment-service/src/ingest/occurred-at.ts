import { z } from 'zod';

/** When something happened, as sent by clients: ISO 8601 with offset, or epoch milliseconds. */
export const timestampSchema = z.union([
  z.iso.datetime({ offset: true }),
  z.number().int().min(0).max(8_640_000_000_000_000),
]);

export function occurredAt(timestamp: string | number | undefined, now: Date): Date {
  return timestamp === undefined ? now : new Date(timestamp);
}
