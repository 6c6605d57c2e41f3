import type { MessageTypeName } from '@xp/contracts';
import type { OutgoingRecord } from '@xp/kafka';
import { UnavailableError } from '@xp/platform';
import type { z } from 'zod';
import type { KafkaPublisher } from '../kafka/kafka-publisher';
import { batchBodySchema } from './batch-body.schema';
import { noValidItems, type IngestResult } from './ingest-result';
import { validateItems } from './validate-items';

export interface BatchIngest<F extends string, S extends z.ZodType, T extends MessageTypeName> {
  /** The body field holding the items (`events`, `exposures`); also names them in errors. */
  field: F;
  itemSchema: S;
  messageType: T;
  toRecord(item: z.infer<S>, now: Date): OutgoingRecord<T>;
}

export interface IngestContext {
  kafka: KafkaPublisher;
  topic: string;
  /** Counts the items of each outcome in the service's metrics. */
  count(outcome: 'accepted' | 'rejected', items: number): void;
}

/**
 * Creates the handler shared by the ingest endpoints: parse the batch, validate each item on its own,
 * publish the valid ones and resolve only once Kafka acknowledged them (acks all). No valid item is a
 * 400 listing every problem; Kafka failing is a 503 and nothing is accepted.
 */
export function batchIngester<F extends string, S extends z.ZodType, T extends MessageTypeName>(spec: BatchIngest<F, S, T>) {
  const bodySchema = batchBodySchema(spec.field);
  return async (body: unknown, { kafka, topic, count }: IngestContext): Promise<IngestResult> => {
    const items = (bodySchema.parse(body) as Record<string, unknown[]>)[spec.field];
    const { valid, rejected } = validateItems(items, spec.itemSchema);
    count('rejected', rejected.length);
    if (valid.length === 0) throw noValidItems(spec.field, rejected);
    const now = new Date();
    try {
      await kafka.send(topic, spec.messageType, valid.map((item) => spec.toRecord(item, now)));
    } catch (err) {
      throw new UnavailableError(`${spec.field}_not_stored`, `Kafka did not acknowledge the ${spec.field}; none were accepted, retry`, { cause: err });
    }
    count('accepted', valid.length);
    return { accepted: valid.length, rejected };
  };
}
