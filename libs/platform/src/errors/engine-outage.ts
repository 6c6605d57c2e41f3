import { ClickHouseAdapterError } from '@xp/clickhouse';
import { classifyKafkaError } from '@xp/kafka';
import { classifyPostgresError } from '@xp/postgres';

export type OutageEngine = 'kafka' | 'clickhouse' | 'postgres';

export interface EngineOutage {
  engine: OutageEngine;
  /** The adapter's own message, for the log only: it may name hosts or statements. */
  reason: string;
}

const ENGINE_NAMES: Record<OutageEngine, string> = { kafka: 'Kafka', clickhouse: 'ClickHouse', postgres: 'PostgreSQL' };

export const engineDisplayName = (engine: OutageEngine): string => ENGINE_NAMES[engine];

/**
 * Which engine a thrown error says is away, if any: typed adapter errors marked retriable, and
 * raw pg / TypeORM / kafkajs errors classified by their adapter library. A non-retriable adapter
 * error (a bad statement, an invalid envelope) is a bug, not an outage.
 */
export function engineOutageOf(err: unknown): EngineOutage | undefined {
  if (err instanceof ClickHouseAdapterError) return err.retriable ? { engine: 'clickhouse', reason: err.message } : undefined;
  const kafka = classifyKafkaError(err);
  if (kafka) return kafka.retriable ? { engine: 'kafka', reason: kafka.message } : undefined;
  const postgres = classifyPostgresError(err);
  return postgres ? { engine: 'postgres', reason: postgres.message } : undefined;
}
