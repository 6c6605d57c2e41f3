import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { HttpConfig } from '../config/service-config';

export interface RunningService {
  app: INestApplication;
  /** Base URL with the port actually bound (useful with PORT=0 in tests). */
  url: string;
  close(): Promise<void>;
}

export interface BootstrapOptions {
  /** Runs after the app is built and before it listens, e.g. to mount OpenAPI docs (routes added later would 404). */
  beforeListen?: (app: NestExpressApplication) => void | Promise<void>;
}

// Event ingestion posts batches; express' 100 kB default is too small for them.
const BODY_LIMIT = '1mb';

/** Creates the Nest app with pino logging, shutdown hooks and JSON errors, and listens on HOST:PORT. */
export async function bootstrapService(
  module: Type<unknown> | DynamicModule,
  config: HttpConfig,
  options: BootstrapOptions = {},
): Promise<RunningService> {
  const app = await NestFactory.create<NestExpressApplication>(module, { bufferLogs: true, bodyParser: false });
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: true });
  // SIGTERM / SIGINT run OnModuleDestroy / OnApplicationShutdown hooks, which close connections.
  app.enableShutdownHooks();
  await options.beforeListen?.(app);
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  logger.log(`${config.service} listening on ${url}`, 'Bootstrap');
  return { app, url, close: () => app.close() };
}
