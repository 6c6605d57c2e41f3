import type { ClickHousePort } from '@xp/clickhouse';

const CHUNK = 1_000_000;

/**
 * Adds exposures for units u-from..u-(to-1) straight into exposures_raw (the view fills
 * first_exposures as on ingestion), 1M rows per statement to bound memory. Same shape as
 * produceExposures; offsets past any Kafka offset so the rows cannot collide with ingested ones.
 */
export async function generateExposures(ch: ClickHousePort, experimentKey: string, from: number, to: number): Promise<void> {
  for (let start = from; start < to; start += CHUNK) {
    await ch.exec(
      `INSERT INTO exposures_raw (id, experiment_key, flag_key, variant, unit_id, ts, kafka_topic, kafka_partition, kafka_offset)
       SELECT toString(generateUUIDv4()), {key:String}, {key:String}, if(number % 2 = 0, 'a', 'b'), concat('u-', toString(number)),
              toDateTime64('2025-01-01 00:00:00', 3, 'UTC') + toIntervalSecond(number % 86400),
              'generated', 0, 1000000000000 + number
       FROM numbers({start:UInt64}, {rows:UInt64})`,
      { key: experimentKey, start, rows: Math.min(CHUNK, to - start) },
    );
  }
}

/**
 * One `purchase` event (value 1..100) for every second unit of u-from..u-(to-1), a few hours
 * after its exposure, and a pre-exposure `purchase` for every tenth unit (the CUPED covariate).
 * Offsets are offsetBase + unit number: pass a higher base to add events for units that have some.
 */
export async function generateEvents(ch: ClickHousePort, from: number, to: number, offsetBase = 1_000_000_000_000): Promise<void> {
  for (let start = from; start < to; start += CHUNK) {
    await ch.exec(
      `INSERT INTO events_raw (id, unit_id, event, value, properties, ts, kafka_topic, kafka_partition, kafka_offset)
       SELECT toString(generateUUIDv4()), concat('u-', toString(number)), 'purchase', toFloat64(1 + number % 100), map(),
              toDateTime64('2025-01-01 00:00:00', 3, 'UTC') + toIntervalSecond(number % 86400 + if(number % 10 = 1, -3600, 7200)),
              'generated', 0, {offsetBase:UInt64} + number
       FROM numbers({start:UInt64}, {rows:UInt64})
       WHERE number % 2 = 1`,
      { start, rows: Math.min(CHUNK, to - start), offsetBase },
    );
  }
}
