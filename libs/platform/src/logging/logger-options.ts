import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { HttpConfig } from '../config/service-config';
import { redactSecrets } from './redact-secrets';

const QUIET_PATHS = ['/health', '/metrics'];

/** Structured JSON logs with secrets redacted; one line per request except probe and scrape traffic. */
export function loggerOptions(config: Pick<HttpConfig, 'service' | 'logLevel'>): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      base: { service: config.service },
      formatters: {
        log: (object: Record<string, unknown>) => redactSecrets(object),
      },
      serializers: {
        // pino-http passes its standard serialization (a non-plain object: copy it first).
        req: (req: Record<string, unknown>) => redactSecrets({ ...req }),
      },
      autoLogging: {
        ignore: (req: IncomingMessage) => QUIET_PATHS.some((p) => req.url === p || req.url?.startsWith(`${p}/`)),
      },
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    },
  };
}
