import { Inject, Injectable } from '@nestjs/common';
import { makeEnvelope } from '@xp/contracts';
import { batchIngester } from '../ingest/ingest-batch';
import type { IngestResult } from '../ingest/ingest-result';
import { occurredAt } from '../ingest/occurred-at';
import { KafkaPublisher } from '../kafka/kafka-publisher';
import { AssignmentMetrics } from '../metrics/assignment-metrics';
import { ASSIGNMENT_OPTIONS, type AssignmentOptions } from '../options/assignment-options';
import { exposureItemSchema } from './exposure-item.schema';

const ingestExposures = batchIngester({
  field: 'exposures',
  itemSchema: exposureItemSchema,
  messageType: 'exposure',
  toRecord: ({ unit, timestamp, id, ...data }, now) => ({
    key: unit,
    envelope: makeEnvelope('exposure', { ...data, unitId: unit }, { id, occurredAt: occurredAt(timestamp, now) }),
  }),
});

/** Exposures posted by SDKs: written as sent (SDKs deduplicate on their side), acknowledged before answering. */
@Injectable()
export class ExposuresIngestService {
  constructor(
    @Inject(ASSIGNMENT_OPTIONS) private readonly options: AssignmentOptions,
    private readonly kafka: KafkaPublisher,
    private readonly metrics: AssignmentMetrics,
  ) {}

  ingest(body: unknown): Promise<IngestResult> {
    return ingestExposures(body, {
      kafka: this.kafka,
      topic: this.options.topics.exposures,
      count: (outcome, n) => this.metrics.exposuresIngested.inc({ outcome }, n),
    });
  }
}
