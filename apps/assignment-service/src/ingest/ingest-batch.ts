import { batchBodySchema, parseEnvelope, type IngestResult, type ItemIssue, type MessageTypeName } from '@xp/contracts';
import { InvalidEnvelopeError, TopicMismatchError, type OutgoingRecord } from '@xp/kafka';
import { UnavailableError } from '@xp/platform';
import type { z } from 'zod';
import type { KafkaPublisher } from '../kafka/kafka-publisher';
import { ProduceTimeoutError } from '../kafka/produce-timeout-error';
import { noValidItems } from './ingest-result';
import { occurredAt } from './occurred-at';
import { timeWindowProblem, type IngestTimeWindow } from './time-window';
import { validateItems, type ValidItem } from './validate-items';

export interface BatchIngest<F extends string, S extends z.ZodType<{ timestamp?: string | number }>, T extends MessageTypeName> {
  /** The body field holding the items (`events`, `exposures`); also names them in errors. */
  field: F;
  itemSchema: S;
  messageType: T;
  toRecord(item: z.infer<S>, now: Date): OutgoingRecord<T>;
}

export interface IngestContext<I> {
  kafka: KafkaPublisher;
  topic: string;
  window: IngestTimeWindow;
  /** Counts the items of each outcome in the service's metrics. */
  count(outcome: 'accepted' | 'rejected', items: number): void;
  /** Checks beyond the item's own shape (exposures against the ruleset): the problems of each item, in order. */
  itemProblems?(items: readonly I[]): Promise<ReadonlyArray<ItemIssue[] | undefined>>;
  /** Called with the items Kafka acknowledged, each with its time (e.g. to count flag usage). */
  stored?(items: ReadonlyArray<{ item: I; occurredAt: string }>): void;
}

// An envelope issue, named as the item field the client sent.
const itemPath = (envelopePath: string): string =>
  envelopePath === 'occurredAt' ? 'timestamp' : envelopePath.replace(/^data\./, '').replace(/^unitId$/, 'unit');

/**
 * Creates the handler shared by the ingest endpoints: parse the batch, then check each item on its own
 * (its schema, its time against the window, the envelope contract, the service's own checks), publish
 * the valid ones and resolve only once Kafka acknowledged them (acks all). A problem of one item is
 * permanent and rejects only that item; no valid item is a 400 listing every problem; only Kafka
 * failing is a 503 (nothing accepted, retry).
 */
export function batchIngester<F extends string, S extends z.ZodType<{ timestamp?: string | number }>, T extends MessageTypeName>(spec: BatchIngest<F, S, T>) {
  const bodySchema = batchBodySchema(spec.field);
  return async (body: unknown, context: IngestContext<z.infer<S>>): Promise<IngestResult> => {
    const items = (bodySchema.parse(body) as Record<string, unknown[]>)[spec.field];
    const { valid, rejected } = validateItems(items, spec.itemSchema);
    const now = new Date();
    const reject = (index: number, errors: ItemIssue[]) => rejected.push({ index, errors });

    let accepted: Array<ValidItem<z.infer<S>> & { record: OutgoingRecord<T> }> = [];
    for (const { index, item } of valid) {
      const tooEarlyOrLate = item.timestamp === undefined ? undefined : timeWindowProblem(item.timestamp, occurredAt(item.timestamp, now), now, context.window);
      if (tooEarlyOrLate) {
        reject(index, [{ path: 'timestamp', message: tooEarlyOrLate }]);
        continue;
      }
      const record = spec.toRecord(item, now);
      // The producer refuses a whole send for one envelope off contract; find it here, item by item.
      const contract = parseEnvelope(spec.messageType, record.envelope);
      if (!contract.ok) reject(index, contract.issues.map((i) => ({ path: itemPath(i.path), message: i.message })));
      else accepted.push({ index, item, record });
    }
    if (context.itemProblems && accepted.length > 0) {
      const problems = await context.itemProblems(accepted.map((a) => a.item));
      accepted.forEach((a, i) => problems[i] && reject(a.index, problems[i]));
      accepted = accepted.filter((_, i) => !problems[i]);
    }

    // The same id twice in one batch is one event sent twice: publish it once (the pipeline would
    // count it once anyway; this saves storing it twice). Items without an id got a fresh one.
    const seen = new Set<string>();
    const duplicates: number[] = [];
    accepted = accepted.filter((a) => {
      const id = a.record.envelope.id;
      if (seen.has(id)) {
        duplicates.push(a.index);
        return false;
      }
      seen.add(id);
      return true;
    });

    rejected.sort((a, b) => a.index - b.index);
    context.count('rejected', rejected.length);
    if (accepted.length === 0) throw noValidItems(spec.field, rejected);
    try {
      await context.kafka.send(context.topic, spec.messageType, accepted.map((a) => a.record));
    } catch (err) {
      // Only an unreachable or failing Kafka is worth a retry; a contract error here is our bug (500).
      if (err instanceof InvalidEnvelopeError || err instanceof TopicMismatchError) throw err;
      const timedOut = err instanceof ProduceTimeoutError;
      throw new UnavailableError(
        `${spec.field}_not_stored`,
        `Kafka did not acknowledge the ${spec.field}${timedOut ? ` within ${err.timeoutMs} ms` : ''}; none were accepted, retry (the same ids count once)`,
        { cause: err, details: { reason: timedOut ? 'kafka_ack_timeout' : 'kafka_error' } },
      );
    }
    context.count('accepted', accepted.length);
    context.stored?.(accepted.map((a) => ({ item: a.item, occurredAt: a.record.envelope.occurredAt })));
    return { accepted: accepted.length, rejected, ...(duplicates.length > 0 ? { duplicates } : {}) };
  };
}
