import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { PinoLogger } from 'nestjs-pino';

/**
 * Access log of quiet routes (PlatformModule `quietRoutes`): only failures (4xx warn, 5xx error) are
 * logged, with the same pino logger, serializers and redaction as every other request line. Hot
 * routes skip the per-request child logger and info line, which cost more than the work they log.
 * On Fastify, Nest middleware gets the raw node request and response.
 */
@Injectable()
export class FailureLogMiddleware implements NestMiddleware {
  use(req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): void {
    const start = performance.now();
    res.once('finish', () => {
      const status = res.statusCode;
      if (status < 400) return;
      const line = { req, res, responseTime: Math.round(performance.now() - start) };
      if (status >= 500) PinoLogger.root.error(line, 'request errored');
      else PinoLogger.root.warn(line, 'request completed');
    });
    next();
  }
}
