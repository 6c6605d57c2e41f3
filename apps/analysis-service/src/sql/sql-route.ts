import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseClickHouseRequest } from './clickhouse-http-request';
import { SqlError } from './sql-error';
import type { SqlService } from './sql.service';

const MAX_QUERY_BYTES = 1024 * 1024;

function contentTypeOf(format: string): string {
  const f = format.toLowerCase();
  if (f.startsWith('json')) return f === 'jsoneachrow' || f.includes('eachrow') || f.includes('lines') ? 'application/x-ndjson; charset=UTF-8' : 'application/json; charset=UTF-8';
  if (f.startsWith('csv')) return 'text/csv; charset=UTF-8; header=absent';
  if (f.startsWith('tabseparated') || f.startsWith('tsv')) return 'text/tab-separated-values; charset=UTF-8';
  return 'text/plain; charset=UTF-8';
}

/**
 * ClickHouse's HTTP interface at the root path: GET /?query=…, POST / with the query in the body,
 * GET /ping. Registered in its own Fastify scope so that any body type reaches it as text (the
 * platform's JSON parsers stay for the other routes) and errors leave in ClickHouse's shape.
 */
export function registerSqlRoutes(fastify: FastifyInstance, service: SqlService): void {
  void fastify.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MAX_QUERY_BYTES }, (_req, body, done) => done(null, body));
    const ok = (_req: FastifyRequest, reply: FastifyReply) => reply.type('text/plain; charset=UTF-8').send('Ok.\n');
    scope.get('/ping', ok);
    scope.head('/', ok);
    const handler = async (req: FastifyRequest, reply: FastifyReply) => {
      const request = parseClickHouseRequest({ url: req.url, headers: req.headers, body: typeof req.body === 'string' ? req.body : undefined });
      if (req.method === 'GET' && request.query === '' && request.key === undefined) return ok(req, reply);
      const queryId = new URL(req.url, 'http://local').searchParams.get('query_id') || undefined;
      try {
        const answer = await service.run(request, queryId);
        reply.header('X-ClickHouse-Query-Id', answer.queryId).header('X-ClickHouse-Format', answer.format).type(contentTypeOf(answer.format));
        return request.gzip ? reply.header('Content-Encoding', 'gzip').send(gzipSync(answer.body)) : reply.send(answer.body);
      } catch (err) {
        const error = err instanceof SqlError ? err : new SqlError(500, 1001, 'STD_EXCEPTION', String((err as Error)?.message ?? err));
        return reply.code(error.status).header('X-ClickHouse-Exception-Code', String(error.code)).type('text/plain; charset=UTF-8').send(error.text);
      }
    };
    scope.get('/', handler);
    scope.post('/', handler);
  });
}
