import { Inject, Injectable } from '@nestjs/common';
import { makeEnvelope } from '@xp/contracts';
import { UnavailableError } from '@xp/platform';
import { batchBodySchema } from '../ingest/batch-body.schema';
import { noValidItems, type IngestResult } from '../ingest/ingest-result';
import { occurredAt } from '../ingest/occurred-at';
import { validateItems } from '../ingest/validate-items';
import { KafkaPublisher } from '../kafka/kafka-publisher';
import { AssignmentMetrics } from '../metrics/assignment-metrics';
import { ASSIGNMENT_OPTIONS, type AssignmentOptions } from '../options/assignment-options';
import { eventItemSchema } from './event-item.schema';

const bodySchema = batchBodySchema('events');

@Injectable()
export class EventsService {
  constructor(
    @Inject(ASSIGNMENT_OPTIONS) private readonly options: AssignmentOptions,
    private readonly kafka: KafkaPublisher,
    private readonly metrics: AssignmentMetrics,
  ) {}

  /** Publishes the valid events and resolves only once Kafka acknowledged them (acks all). */
  async ingest(body: unknown): Promise<IngestResult> {
    const { events } = bodySchema.parse(body);
    const { valid, rejected } = validateItems(events, eventItemSchema);
    this.metrics.eventsRejected.inc(rejected.length);
    if (valid.length === 0) throw noValidItems('events', rejected);
    const now = new Date();
    const records = valid.map((e) => ({
      key: e.unit,
      envelope: makeEnvelope(
        'metric.event',
        { unitId: e.unit, event: e.event, value: e.value, properties: e.properties },
        { id: e.id, occurredAt: occurredAt(e.timestamp, now) },
      ),
    }));
    try {
      await this.kafka.send(this.options.topics.events, 'metric.event', records);
    } catch (err) {
      throw new UnavailableError('events_not_stored', 'Kafka did not acknowledge the events; none were accepted, retry', { cause: err });
    }
    this.metrics.eventsAccepted.inc(valid.length);
    return { accepted: valid.length, rejected };
  }
}
