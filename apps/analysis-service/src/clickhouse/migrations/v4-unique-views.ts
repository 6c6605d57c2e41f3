import type { ClickHouseMigration } from '@xp/clickhouse';

/*
 * The views analysts read events and exposures through: one row per envelope id. A client that
 * resends an event (a retry, the same id twice in a batch) stores it once per send in the raw
 * tables (each Kafka record is one row, exactly once); here and in the results it counts once.
 * The copy kept is the earliest (ts), then the first stored (Kafka partition, offset).
 * LIMIT 1 BY needs the whole table sorted, so filter the raw table first when it is large
 * (the README shows how).
 */
export function uniqueViewsMigration(): ClickHouseMigration {
  return {
    version: 4,
    name: 'events and exposures views, one row per id',
    up: [
      `CREATE VIEW IF NOT EXISTS events AS
        SELECT id, unit_id, event, value, properties, ts, kafka_topic, kafka_partition, kafka_offset, inserted_at
        FROM events_raw
        ORDER BY id, ts, kafka_partition, kafka_offset
        LIMIT 1 BY id`,
      `CREATE VIEW IF NOT EXISTS exposures AS
        SELECT id, experiment_key, flag_key, variant, unit_id, ts, stage, kafka_topic, kafka_partition, kafka_offset, inserted_at
        FROM exposures_raw
        ORDER BY id, ts, kafka_partition, kafka_offset
        LIMIT 1 BY id`,
    ],
  };
}
