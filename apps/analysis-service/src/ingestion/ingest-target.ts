import type { ClickHousePort } from '@xp/clickhouse';
import type { MessageTypeName } from '@xp/contracts';
import type { ConsumedRecord } from '@xp/kafka';

/** Where one topic's records go: the raw table, the row each record becomes, and how to repair views fed from it. */
export interface IngestTarget<T extends MessageTypeName> {
  readonly name: string;
  readonly messageType: T;
  readonly table: string;
  toRow(record: ConsumedRecord<T>, topic: string): Record<string, unknown>;
  /**
   * Re-feeds the views derived from `table` with the rows of offsets `from..to` (inclusive) of one
   * partition: those rows reached the raw table in a run that did not commit them, and may have
   * missed a dependent view. Only valid for views whose aggregates are idempotent.
   */
  repairViews?(clickhouse: ClickHousePort, range: OffsetRange): Promise<void>;
}

export interface OffsetRange {
  topic: string;
  partition: number;
  from: bigint;
  to: bigint;
}

/** The Kafka coordinates every raw row carries: the identity that makes re-ingestion detectable. */
export function kafkaCoordinates(record: ConsumedRecord<MessageTypeName>, topic: string): Record<string, unknown> {
  return { kafka_topic: topic, kafka_partition: record.partition, kafka_offset: record.offset };
}
