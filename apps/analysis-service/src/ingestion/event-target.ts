import type { MetricEventData } from '@xp/contracts';
import { kafkaCoordinates, type IngestTarget } from './ingest-target';

/** Map(String, String): numbers and booleans as their text, null values left out. */
export function propertiesToMap(properties: MetricEventData['properties']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(properties ?? {})) {
    if (value !== null) out[name] = String(value);
  }
  return out;
}

export const eventTarget: IngestTarget<'metric.event'> = {
  name: 'events',
  messageType: 'metric.event',
  table: 'events_raw',
  toRow(record, topic) {
    const { envelope } = record;
    return {
      id: envelope.id,
      unit_id: envelope.data.unitId,
      event: envelope.data.event,
      value: envelope.data.value ?? null,
      properties: propertiesToMap(envelope.data.properties),
      ts: envelope.occurredAt,
      ...kafkaCoordinates(record, topic),
    };
  },
};
