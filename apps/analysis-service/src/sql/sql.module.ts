import { Inject, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { openEmbeddedReadOnlySql, type ReadOnlySql } from '@xp/clickhouse';
import { ApiKeyRegistry, type AnalysisServiceConfig } from '@xp/platform';
import type { FastifyInstance } from 'fastify';
import { registerSqlRoutes } from './sql-route';
import { SqlService } from './sql.service';

const READ_ONLY_SQL = Symbol('READ_ONLY_SQL');

/**
 * The analysts' SQL endpoint (ClickHouse's HTTP interface at `/`), on a read-only connection to
 * the embedded ClickHouse. With CLICKHOUSE_URL analysts query the server directly; the endpoint
 * then says so.
 */
@Module({})
export class SqlModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(SqlService) private readonly service: SqlService,
    @Inject(READ_ONLY_SQL) private readonly sql: ReadOnlySql | undefined,
  ) {}

  static forRoot(config: AnalysisServiceConfig, afterClickHouse: symbol): DynamicModule {
    const { clickhouse } = config;
    return {
      module: SqlModule,
      providers: [
        {
          provide: READ_ONLY_SQL,
          // After the service's own connection: it creates the database and runs the migrations.
          inject: [afterClickHouse],
          useFactory: () =>
            clickhouse.url === undefined ? openEmbeddedReadOnlySql({ path: clickhouse.path, database: clickhouse.database, limits: config.sqlLimits }) : undefined,
        },
        {
          provide: SqlService,
          inject: [READ_ONLY_SQL, ApiKeyRegistry],
          useFactory: (sql: ReadOnlySql | undefined, keys: ApiKeyRegistry) => new SqlService(sql, keys, clickhouse.database),
        },
      ],
    };
  }

  onModuleInit(): void {
    registerSqlRoutes(this.adapterHost.httpAdapter.getInstance<FastifyInstance>(), this.service);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sql?.close();
  }
}
