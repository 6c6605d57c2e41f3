import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import type { HttpConfig } from '../config/service-config';
import { clientErrorHandler, frameworkErrors, MAX_PARAM_LENGTH, refuseNulInUrl } from '../http/http-layer-errors';
import { KAFKA_BATCH_TRANSPORT, type KafkaBatchTransport } from '../consumers/kafka-batch.transport';
import { serveOpenApi } from './serve-open-api';
import { useBodyParsers } from './use-body-parsers';

export interface RunningService {
  app: INestApplication;
  /** Base URL with the port actually bound (useful with PORT=0 in tests). */
  url: string;
  close(): Promise<void>;
}

export interface BootstrapOptions {
  /** What the service's OpenAPI document (/docs, /docs-json) says it is for. */
  description?: string;
  /** Runs after the app is built and before it listens (routes added later would 404). */
  beforeListen?: (app: NestFastifyApplication) => void | Promise<void>;
}

// Event ingestion posts batches of up to 1 MB; larger bodies answer 413 payload_too_large.
const BODY_LIMIT = 1024 * 1024;

/**
 * The app's KafkaBatchTransport when it imports KafkaConsumersModule. Looked up in the module graph:
 * app.get() of a missing provider aborts the process (NestFactory's error zone).
 */
function kafkaTransportOf(app: INestApplication): KafkaBatchTransport | undefined {
  for (const module of app.get(ModulesContainer).values()) {
    if (module.hasProvider(KAFKA_BATCH_TRANSPORT)) return module.getProviderByKey<KafkaBatchTransport>(KAFKA_BATCH_TRANSPORT).instance;
  }
  return undefined;
}

/** Creates the Nest app on Fastify with pino logging, shutdown hooks, JSON errors and its OpenAPI document, and listens on HOST:PORT. */
export async function bootstrapService(
  module: Type<unknown> | DynamicModule,
  config: HttpConfig,
  options: BootstrapOptions = {},
): Promise<RunningService> {
  // Trailing slashes were ignored under express (non-strict routing): `/health/` still answers.
  // Errors raised below the routes (HTTP parser, router) answer in the same JSON shape as the rest.
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH },
    clientErrorHandler,
    frameworkErrors,
  });
  adapter.getInstance().addHook('onRequest', refuseNulInUrl);
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  useBodyParsers(app, BODY_LIMIT);
  // SIGTERM / SIGINT run OnModuleDestroy / OnApplicationShutdown hooks, which close connections.
  app.enableShutdownHooks();
  serveOpenApi(app, config.service, options.description ?? '');
  await options.beforeListen?.(app);
  const transport = kafkaTransportOf(app);
  if (transport) app.connectMicroservice({ strategy: transport });
  await app.listen(config.port, config.host);
  // After listen, and it returns at once: the consumers join in the background (readiness says so).
  if (transport) await app.startAllMicroservices();
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  logger.log(`${config.service} listening on ${url}`, 'Bootstrap');
  return { app, url, close: () => app.close() };
}
