import {
  Global,
  Inject,
  Module,
  RequestMethod,
  type DynamicModule,
  type MiddlewareConsumer,
  type ModuleMetadata,
  type NestModule,
  type OnModuleInit,
} from '@nestjs/common';
import { APP_FILTER, HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { LoggerModule, type Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { ApiKeyRegistry } from './auth/api-key-registry';
import { authProviders } from './auth/auth-providers';
import type { HttpConfig } from './config/service-config';
import { DomainExceptionFilter } from './errors/domain-exception.filter';
import { HealthController } from './health/health.controller';
import { READINESS_CHECKS, type ReadinessCheck } from './health/readiness-check';
import { FailureLogMiddleware } from './logging/failure-log.middleware';
import { loggerOptions } from './logging/logger-options';
import { createMetricsRegistry, METRICS_REGISTRY, type MetricsRegistry } from './metrics/metrics-registry';
import { registerHttpMetrics } from './metrics/register-http-metrics';
import { MetricsController } from './metrics/metrics.controller';

/** Injection token of the service's configuration slice (the object loadConfig returned). */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

const QUIET_ROUTES = Symbol('QUIET_ROUTES');

export interface PlatformModuleOptions<C extends HttpConfig> {
  config: C;
  /** Builds the readiness checks from providers of `imports` (nest `useFactory` style). */
  readiness?: {
    imports?: ModuleMetadata['imports'];
    inject?: Array<string | symbol | (abstract new (...args: never[]) => unknown)>;
    useFactory: (...deps: never[]) => ReadinessCheck[] | Promise<ReadinessCheck[]>;
  };
  /** Where logs go instead of stdout (tests that inspect log lines). */
  logDestination?: DestinationStream;
  /**
   * Hot routes (Nest path syntax, e.g. `v1/evaluate`) with no access log line for successful
   * responses: their 4xx / 5xx are still logged (warn / error), redacted like every other line.
   */
  quietRoutes?: readonly string[];
}

function loggerParams(config: HttpConfig, destination: DestinationStream | undefined, quietRoutes: readonly string[]): Params {
  const params: Params = loggerOptions(config);
  if (quietRoutes.length > 0) params.exclude = quietRoutes.map((path) => ({ path, method: RequestMethod.ALL }));
  if (destination === undefined) return params;
  return { ...params, pinoHttp: [params.pinoHttp as object, destination] };
}

/** Logging, health, metrics, API-key auth, the error filter and the config slice: what every service shares. */
@Global()
@Module({})
export class PlatformModule implements NestModule, OnModuleInit {
  static forRoot<C extends HttpConfig>(options: PlatformModuleOptions<C>): DynamicModule {
    const readiness = options.readiness ?? { useFactory: () => [] };
    const quietRoutes = options.quietRoutes ?? [];
    return {
      module: PlatformModule,
      imports: [LoggerModule.forRoot(loggerParams(options.config, options.logDestination, quietRoutes)), ...(readiness.imports ?? [])],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: options.config },
        { provide: QUIET_ROUTES, useValue: quietRoutes },
        { provide: METRICS_REGISTRY, useFactory: () => createMetricsRegistry(options.config.service) },
        { provide: READINESS_CHECKS, inject: readiness.inject ?? [], useFactory: readiness.useFactory },
        { provide: APP_FILTER, useClass: DomainExceptionFilter },
        ...authProviders(options.config.auth),
      ],
      exports: [SERVICE_CONFIG, METRICS_REGISTRY, ApiKeyRegistry],
    };
  }

  constructor(
    @Inject(QUIET_ROUTES) private readonly quietRoutes: readonly string[],
    @Inject(METRICS_REGISTRY) private readonly metrics: MetricsRegistry,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /** Runs before the server listens, so the hook still applies to every route. */
  onModuleInit(): void {
    registerHttpMetrics(this.adapterHost.httpAdapter.getInstance<FastifyInstance>(), this.metrics);
  }

  configure(consumer: MiddlewareConsumer): void {
    if (this.quietRoutes.length > 0) consumer.apply(FailureLogMiddleware).forRoutes(...this.quietRoutes);
  }
}
