import type { KafkaMessage } from 'kafkajs';
import { decodeEnvelope, formatIssues, type ContractIssue, type EnvelopeOf, type MessageTypeName } from '@xp/contracts';

/** A record that passed its contract, as handed to batch handlers. */
export interface ConsumedRecord<T extends MessageTypeName> {
  key: string | null;
  envelope: EnvelopeOf<T>;
  partition: number;
  offset: string;
  headers: Record<string, string>;
}

export interface RejectedRecord {
  message: KafkaMessage;
  issues: ContractIssue[];
  reason: string;
}

export function headersToStrings(headers: KafkaMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.map(String).join(',') : String(value);
  }
  return out;
}

/** Splits raw Kafka messages into records that match `messageType` and records for the dead-letter topic. */
export function decodeBatch<T extends MessageTypeName>(
  messageType: T,
  partition: number,
  messages: readonly KafkaMessage[],
): { valid: ConsumedRecord<T>[]; rejected: RejectedRecord[] } {
  const valid: ConsumedRecord<T>[] = [];
  const rejected: RejectedRecord[] = [];
  for (const message of messages) {
    const parsed = decodeEnvelope(messageType, message.value?.toString('utf8'));
    if (parsed.ok) {
      valid.push({
        key: message.key?.toString('utf8') ?? null,
        envelope: parsed.envelope,
        partition,
        offset: message.offset,
        headers: headersToStrings(message.headers),
      });
    } else {
      rejected.push({ message, issues: parsed.issues, reason: formatIssues(parsed.issues) });
    }
  }
  return { valid, rejected };
}
