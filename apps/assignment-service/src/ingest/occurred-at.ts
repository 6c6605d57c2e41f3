/** The time of an ingested item: its client-given `timestamp` (ISO 8601 or epoch ms), or the server's now. */
export function occurredAt(timestamp: string | number | undefined, now: Date): Date {
  return timestamp === undefined ? now : new Date(timestamp);
}
