import { Inject, Injectable } from '@nestjs/common';
import { eventItemSchema, makeEnvelope, type IngestResult } from '@xp/contracts';
import { batchIngester } from '../ingest/ingest-batch';
import { occurredAt } from '../ingest/occurred-at';
import { KafkaPublisher } from '../kafka/kafka-publisher';
import { AssignmentMetrics } from '../metrics/assignment-metrics';
import { ASSIGNMENT_OPTIONS, type AssignmentOptions } from '../options/assignment-options';

const ingestEvents = batchIngester({
  field: 'events',
  itemSchema: eventItemSchema,
  messageType: 'metric.event',
  toRecord: (e, now) => ({
    key: e.unit,
    envelope: makeEnvelope(
      'metric.event',
      { unitId: e.unit, event: e.event, value: e.value, properties: e.properties },
      { id: e.id, occurredAt: occurredAt(e.timestamp, now) },
    ),
  }),
});

@Injectable()
export class EventsService {
  constructor(
    @Inject(ASSIGNMENT_OPTIONS) private readonly options: AssignmentOptions,
    private readonly kafka: KafkaPublisher,
    private readonly metrics: AssignmentMetrics,
  ) {}

  /** Publishes the valid events and resolves only once Kafka acknowledged them (acks all). */
  ingest(body: unknown): Promise<IngestResult> {
    return ingestEvents(body, {
      kafka: this.kafka,
      topic: this.options.topics.events,
      window: this.options.ingestWindow,
      count: (outcome, n) => (outcome === 'accepted' ? this.metrics.eventsAccepted : this.metrics.eventsRejected).inc(n),
    });
  }
}
