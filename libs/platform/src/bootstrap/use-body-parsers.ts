import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RawServerDefault } from 'fastify';
import { parse as parseQueryString } from 'node:querystring';

/**
 * JSON and form bodies, as with express' body-parser before: an empty JSON body (a DELETE or action
 * sent with `content-type: application/json` and nothing else) is `{}` instead of Fastify's 400.
 * Malformed JSON still fails (400 malformed_json), and over `bodyLimit` bytes answers 413.
 */
export function useBodyParsers(app: NestFastifyApplication, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>('application/json', { bodyLimit }, (request, body, done) => {
    if (body.length === 0) {
      done(null, {});
      return;
    }
    parseJson(request, body.toString('utf8'), done);
  });
  app.useBodyParser('application/x-www-form-urlencoded', { bodyLimit }, (_request, body, done) => {
    done(null, parseQueryString(body.toString('utf8')));
  });
}
