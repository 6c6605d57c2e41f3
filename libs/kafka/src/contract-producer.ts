import { Partitioners, type Kafka, type Producer, type RecordMetadata } from 'kafkajs';
import { findTopic, parseEnvelope, type EnvelopeOf, type MessageTypeName } from '@xp/contracts';
import { InvalidEnvelopeError, TopicMismatchError, type EnvelopeIssueSummary } from './kafka-errors';

export interface OutgoingRecord<T extends MessageTypeName> {
  key: string;
  envelope: EnvelopeOf<T>;
}

export const MESSAGE_TYPE_HEADER = 'xp-message-type';
export const SCHEMA_VERSION_HEADER = 'xp-schema-version';

/**
 * Idempotent, acks=all producer that only sends envelopes that pass their contract:
 * a send with one invalid envelope sends nothing.
 */
export class ContractProducer {
  private readonly producer: Producer;

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({
      idempotent: true,
      // Required by kafkajs for idempotence; also keeps per-partition order across retries.
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }

  async send<T extends MessageTypeName>(
    topic: string,
    messageType: T,
    records: OutgoingRecord<T>[],
  ): Promise<RecordMetadata[]> {
    const registered = findTopic(topic);
    if (registered && registered.messageType !== messageType) throw new TopicMismatchError(topic, messageType);
    if (records.length === 0) return [];
    const invalid: EnvelopeIssueSummary[] = [];
    const messages = records.map((record, index) => {
      const parsed = parseEnvelope(messageType, record.envelope);
      if (!parsed.ok) {
        invalid.push({ index, issues: parsed.issues });
        return undefined;
      }
      return {
        key: record.key,
        value: JSON.stringify(parsed.envelope),
        headers: { [MESSAGE_TYPE_HEADER]: messageType, [SCHEMA_VERSION_HEADER]: String(parsed.envelope.schemaVersion) },
      };
    });
    if (invalid.length > 0) throw new InvalidEnvelopeError(topic, messageType, invalid);
    return this.producer.send({ topic, acks: -1, messages: messages.filter((m) => m !== undefined) });
  }
}
