import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { FLAG_USAGE_MAX_ITEMS, makeEnvelope } from '@xp/contracts';
import type { OutgoingRecord } from '@xp/kafka';
import type { UsageWindow } from './flag-usage-recorder';

/** This process, for the life of it: host, pid and start time, so two instances (or a restart) never share ids. */
export function instanceSource(): string {
  return `${hostname().slice(0, 100)}-${process.pid}-${Date.now().toString(36)}`;
}

/** A version-5-shaped UUID from a SHA-1 of the name: the same (source, window, part) always gives the same envelope id. */
export function usageMessageId(source: string, window: UsageWindow, part: number): string {
  const hex = createHash('sha1').update(`flag.usage:${source}:${window.startMs}:${window.endMs}:${part}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * One window as `flag.usage` records keyed by source: one message per FLAG_USAGE_MAX_ITEMS items, each
 * with the id of (source, window, part). Built once per window: a retry sends the very same records.
 */
export function usageRecords(source: string, window: UsageWindow): OutgoingRecord<'flag.usage'>[] {
  const windowStart = new Date(window.startMs).toISOString();
  const windowEnd = new Date(window.endMs).toISOString();
  const records: OutgoingRecord<'flag.usage'>[] = [];
  for (let part = 0; part * FLAG_USAGE_MAX_ITEMS < window.items.length; part++) {
    const items = window.items.slice(part * FLAG_USAGE_MAX_ITEMS, (part + 1) * FLAG_USAGE_MAX_ITEMS);
    const envelope = makeEnvelope('flag.usage', { source, windowStart, windowEnd, items }, { id: usageMessageId(source, window, part), occurredAt: windowEnd });
    records.push({ key: source, envelope });
  }
  return records;
}
