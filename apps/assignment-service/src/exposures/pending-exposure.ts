import { makeEnvelope, type ExposureData, type EnvelopeOf } from '@xp/contracts';
import type { OutgoingRecord } from '@xp/kafka';

/** An exposure waiting in the buffer; its envelope (id, time) is fixed on the first send attempt. */
export interface PendingExposure {
  data: ExposureData;
  occurredAtMs: number;
  dedupKey: string;
  record?: OutgoingRecord<'exposure'>;
}

export function exposureRecord(pending: PendingExposure): OutgoingRecord<'exposure'> {
  // Built once so a retried send re-sends the same envelope id (consumers can deduplicate on it).
  pending.record ??= {
    key: pending.data.unitId,
    envelope: makeEnvelope('exposure', pending.data, { occurredAt: new Date(pending.occurredAtMs) }) as EnvelopeOf<'exposure'>,
  };
  return pending.record;
}
