import { existsSync } from 'node:fs';
import { join } from 'node:path';
import proxy from '@fastify/http-proxy';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ConsoleConfig } from './console-config';

/** Path prefix on the console's origin -> the service behind it. */
export const API_PREFIXES = ['config', 'assignment', 'analysis', 'deployment'] as const;

const errorBody = (code: string, message: string, details?: Record<string, unknown>) => ({ error: { code, message, ...(details ? { details } : {}) } });

/**
 * One origin for the browser: the built web app, and `/api/<service>/*` forwarded unchanged
 * (method, headers including the API key, body) to that service. The console holds no key and no
 * state of its own: every call is made with the signed-in user's key and authorised by the service.
 */
export async function buildConsoleServer(config: ConsoleConfig): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers["x-api-key"]'] },
    disableRequestLogging: true,
  });

  for (const name of API_PREFIXES) {
    const upstream = config.upstreams[name];
    await app.register(proxy, {
      upstream,
      prefix: `/api/${name}`,
      rewritePrefix: '',
      // reply-from logs every forwarded request at info; failures are logged by onError below.
      logLevel: 'warn',
      replyOptions: {
        onError: (reply, { error }) => {
          app.log.warn({ upstream, err: error }, 'service unreachable');
          void reply.code(503).send(errorBody(`${name}_service_unreachable`, `${name}-service at ${upstream} did not answer`));
        },
      },
    });
  }

  app.get('/health', async () => ({ status: 'up' }));
  app.get('/health/ready', async (_req, reply) => {
    const built = existsSync(join(config.distDir, 'index.html'));
    return reply.code(built ? 200 : 503).send({ status: built ? 'up' : 'down', checks: { web: built ? 'up' : 'down' } });
  });

  await app.register(fastifyStatic, {
    root: config.distDir,
    preCompressed: true,
    // Hashed file names under /assets never change; index.html is re-read on every visit.
    setHeaders: (reply, path) => {
      void reply.header('X-Content-Type-Options', 'nosniff');
      void reply.header('Cache-Control', path.startsWith(join(config.distDir, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });

  // Client-side routes (/flags/x, /experiments/y) load the app; unknown /api paths are JSON 404s.
  app.setNotFoundHandler((request, reply) => {
    if (request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/assets/')) {
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    }
    return reply.code(404).send(errorBody('not_found', `no route ${request.method} ${request.url.split('?')[0]}`));
  });
  return app;
}
