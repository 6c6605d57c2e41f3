import type { ClickHousePort } from '@xp/clickhouse';
import type { MessageTypeName } from '@xp/contracts';
import type { BatchInfo, ConsumedRecord } from '@xp/kafka';
import type { IngestTarget } from './ingest-target';
import type { IngestionMetrics } from './ingestion-metrics';

/**
 * Writes batches of one topic into its raw table so that every Kafka record becomes exactly one row,
 * however kafkajs splits redeliveries (design in ingestion-design.md):
 *
 * 1. Offset watermark: per (topic, partition) the next offset not yet in ClickHouse, read from the
 *    raw table itself (its kafka_offset column is the truth) after start, rebalance or any failure,
 *    then tracked in memory. Records below it are already stored and are skipped. Correct because a
 *    partition's records are inserted in offset order, one block per insert (no PARTITION BY, blocks
 *    far below max_insert_block_size), and a block lands atomically.
 * 2. Deduplication token `topic:partition:first-last` on each insert: a retry of the very same block
 *    (an insert that succeeded but whose answer was lost) is dropped by ClickHouse itself.
 * 3. View repair: rows found above the batch's first offset were stored by a run that did not
 *    commit them; the target re-feeds its (idempotent) views with them, in case that run died
 *    between the raw insert and the materialized view's insert.
 */
export class RawTableWriter<T extends MessageTypeName> {
  private readonly nextOffsets = new Map<string, bigint>();
  private groupJoins = 0;

  constructor(
    private readonly clickhouse: ClickHousePort,
    private readonly target: IngestTarget<T>,
    private readonly metrics: IngestionMetrics,
  ) {}

  async write(records: ConsumedRecord<T>[], batch: BatchInfo): Promise<void> {
    if (batch.groupJoins !== this.groupJoins) {
      // After a (re)join, partitions may come from another instance: re-read the watermarks.
      this.nextOffsets.clear();
      this.groupJoins = batch.groupJoins;
    }
    const key = `${batch.topic}:${batch.partition}`;
    try {
      let next = this.nextOffsets.get(key);
      if (next === undefined) {
        next = await this.readNextOffset(batch.topic, batch.partition);
        const first = BigInt(batch.firstOffset);
        if (next > first) {
          await this.target.repairViews?.(this.clickhouse, { topic: batch.topic, partition: batch.partition, from: first, to: next - 1n });
        }
      }
      const watermark = next;
      const fresh = records.filter((record) => BigInt(record.offset) >= watermark);
      if (fresh.length < records.length) this.metrics.recordsSkipped(this.target.name, records.length - fresh.length);
      if (fresh.length > 0) {
        const firstOffset = fresh[0].offset;
        const lastOffset = fresh[fresh.length - 1].offset;
        const started = process.hrtime.bigint();
        await this.clickhouse.insert(
          this.target.table,
          fresh.map((record) => this.target.toRow(record, batch.topic)),
          {
            deduplicationToken: `${batch.topic}:${batch.partition}:${firstOffset}-${lastOffset}`,
            // The default in ClickHouse 26.x, sent anyway: a retried block must be dropped in the views' targets too.
            settings: { deduplicate_blocks_in_dependent_materialized_views: 1 },
          },
        );
        this.metrics.batchInserted(this.target.name, fresh.length, Number(process.hrtime.bigint() - started) / 1e9);
        next = BigInt(lastOffset) + 1n;
      }
      this.nextOffsets.set(key, next);
      this.metrics.lag(batch.topic, batch.partition, Number(BigInt(batch.highWatermark) - BigInt(batch.lastOffset) - 1n));
    } catch (error) {
      // The insert may or may not have landed: re-read the truth before the retry.
      this.nextOffsets.delete(key);
      throw error;
    }
  }

  private async readNextOffset(topic: string, partition: number): Promise<bigint> {
    const rows = await this.clickhouse.query<{ next: string }>(
      `SELECT toString(if(count() = 0, 0, max(kafka_offset) + 1)) AS next
       FROM ${this.target.table}
       WHERE kafka_topic = {topic:String} AND kafka_partition = {partition:UInt32}`,
      { topic, partition },
    );
    return BigInt(rows[0]?.next ?? '0');
  }
}
