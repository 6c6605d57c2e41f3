import { FIRST_EXPOSURE_AGGREGATE } from '../clickhouse/migrations/v2-first-exposures';
import { kafkaCoordinates, type IngestTarget } from './ingest-target';

export const exposureTarget: IngestTarget<'exposure'> = {
  name: 'exposures',
  messageType: 'exposure',
  table: 'exposures_raw',
  toRow(record, topic) {
    const { envelope } = record;
    return {
      id: envelope.id,
      experiment_key: envelope.data.experimentKey,
      flag_key: envelope.data.flagKey,
      variant: envelope.data.variant,
      unit_id: envelope.data.unitId,
      ts: envelope.occurredAt,
      stage: envelope.data.stage ?? null,
      ...kafkaCoordinates(record, topic),
    };
  },
  async repairViews(clickhouse, range) {
    // Idempotent aggregates: re-adding rows the view already has changes nothing.
    await clickhouse.exec(
      `INSERT INTO exposure_first_state
       SELECT ${FIRST_EXPOSURE_AGGREGATE}
       FROM exposures_raw
       WHERE kafka_topic = {topic:String} AND kafka_partition = {partition:UInt32}
         AND kafka_offset BETWEEN {from:UInt64} AND {to:UInt64}
       GROUP BY experiment_key, unit_id`,
      { topic: range.topic, partition: range.partition, from: range.from.toString(), to: range.to.toString() },
    );
  },
};
