import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RawServerDefault } from 'fastify';
import { parse as parseQueryString } from 'node:querystring';
import { InvalidInputError } from '../errors/domain-error';
import { jsonBodyProblem } from '../http/json-body-limits';

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InvalidInputError('malformed_json', `Body is not valid JSON: ${(err as Error).message.slice(0, 200)}`);
  }
}

/** A parsed body that passed the platform's limits (json-body-limits.ts), or the error naming what did not. */
function checked(body: unknown): unknown {
  const problem = jsonBodyProblem(body);
  if (problem) throw problem;
  return body;
}

/**
 * JSON and form bodies, as with express' body-parser before: an empty JSON body (a DELETE or action
 * sent with `content-type: application/json` and nothing else) is `{}` instead of Fastify's 400.
 * Malformed JSON fails (400 malformed_json), over `bodyLimit` bytes answers 413, and every body is held
 * to the documented depth, string and key limits (400 naming the field) before a handler sees it.
 */
export function useBodyParsers(app: NestFastifyApplication, bodyLimit: number): void {
  app.useBodyParser<RawServerDefault>('application/json', { bodyLimit }, (_request, body, done) => {
    try {
      done(null, body.length === 0 ? {} : checked(parseJson(body.toString('utf8'))));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  app.useBodyParser('application/x-www-form-urlencoded', { bodyLimit }, (_request, body, done) => {
    try {
      done(null, checked(parseQueryString(body.toString('utf8'))));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
}
