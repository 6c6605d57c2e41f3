import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { createClickHouse, runClickHouseMigrations, type ClickHousePort } from '@xp/clickhouse';
import { checkKafka, createKafka } from '@xp/kafka';
import type { AnalysisServiceConfig, ReadinessCheck } from '@xp/platform';
import type { Kafka } from 'kafkajs';
import { buildAnalysisClickHouseMigrations } from '../clickhouse/migrations';
import { CLICKHOUSE, KAFKA } from './tokens';

/** Opens ClickHouse (embedded chdb or a server) and brings its schema up to date before serving. */
async function openClickHouse(config: AnalysisServiceConfig['clickhouse'], replicated: boolean): Promise<ClickHousePort> {
  const clickhouse = await createClickHouse(
    config.url === undefined
      ? { path: config.path, database: config.database, maxMemoryBytes: config.maxMemoryBytes }
      : { url: config.url, database: config.database, username: config.username, password: config.password },
  );
  try {
    await runClickHouseMigrations(clickhouse, buildAnalysisClickHouseMigrations({ replicated }));
  } catch (err) {
    await clickhouse.close();
    throw err;
  }
  return clickhouse;
}

/** The engine clients of analysis-service: opened at start-up, closed at shutdown. */
@Module({})
export class ConnectionsModule implements OnApplicationShutdown {
  constructor(@Inject(CLICKHOUSE) private readonly clickhouse: ClickHousePort) {}

  static forRoot(config: AnalysisServiceConfig): DynamicModule {
    return {
      module: ConnectionsModule,
      global: true,
      providers: [
        { provide: CLICKHOUSE, useFactory: () => openClickHouse(config.clickhouse, config.clickhouseReplicated) },
        { provide: KAFKA, useFactory: () => createKafka(config.kafka) },
      ],
      exports: [CLICKHOUSE, KAFKA],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    // The embedded engine releases its data directory only once closed.
    await this.clickhouse.close();
  }
}

export const readinessChecks = {
  inject: [CLICKHOUSE, KAFKA],
  useFactory: (clickhouse: ClickHousePort, kafka: Kafka): ReadinessCheck[] => [
    { name: 'clickhouse', check: () => clickhouse.ping() },
    { name: 'kafka', check: () => checkKafka(kafka, { timeoutMs: 2500 }) },
  ],
};
