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
import { exposureItemSchema } from './exposure-item.schema';

const bodySchema = batchBodySchema('exposures');

/** Exposures posted by SDKs: written as sent (SDKs deduplicate on their side), acknowledged before answering. */
@Injectable()
export class ExposuresIngestService {
  constructor(
    @Inject(ASSIGNMENT_OPTIONS) private readonly options: AssignmentOptions,
    private readonly kafka: KafkaPublisher,
    private readonly metrics: AssignmentMetrics,
  ) {}

  async ingest(body: unknown): Promise<IngestResult> {
    const { exposures } = bodySchema.parse(body);
    const { valid, rejected } = validateItems(exposures, exposureItemSchema);
    this.metrics.exposuresIngested.inc({ outcome: 'rejected' }, rejected.length);
    if (valid.length === 0) throw noValidItems('exposures', rejected);
    const now = new Date();
    const records = valid.map(({ unit, timestamp, id, ...data }) => ({
      key: unit,
      envelope: makeEnvelope('exposure', { ...data, unitId: unit }, { id, occurredAt: occurredAt(timestamp, now) }),
    }));
    try {
      await this.kafka.send(this.options.topics.exposures, 'exposure', records);
    } catch (err) {
      throw new UnavailableError('exposures_not_stored', 'Kafka did not acknowledge the exposures; none were accepted, retry', {
        cause: err,
      });
    }
    this.metrics.exposuresIngested.inc({ outcome: 'accepted' }, valid.length);
    return { accepted: valid.length, rejected };
  }
}
