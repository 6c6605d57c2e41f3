import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ErrorBody } from '../errors/error-response';

/** Longest path parameter the router matches (keys are at most 100 characters); longer answers 414. */
export const MAX_PARAM_LENGTH = 100;

const body = (code: string, message: string): string => JSON.stringify({ error: { code, message } } satisfies ErrorBody);

/** Status, code and message for an error Node's HTTP parser raised before any route ran. */
export function clientErrorResponse(err: NodeJS.ErrnoException): { status: number; code: string; message: string } {
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, code: 'request_timeout', message: 'The request was not received in time' };
  if (err.code === 'HPE_HEADER_OVERFLOW') return { status: 431, code: 'headers_too_large', message: 'The request headers are larger than the server accepts' };
  // e.g. HPE_INVALID_HEADER_TOKEN (bad header), HPE_UNEXPECTED_CONTENT_LENGTH (Content-Length with Transfer-Encoding).
  return { status: 400, code: 'malformed_request', message: `The HTTP request is malformed (${err.code ?? 'parse error'})` };
}

/**
 * Fastify `clientErrorHandler`: the parser's 400 / 408 / 431 answer in the platform's error shape
 * instead of Fastify's own. The connection is closed afterwards, as Node does, since the stream is out of sync.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, code, message } = clientErrorResponse(err);
  const text = body(code, message);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(err);
}

/** Fastify `frameworkErrors`: a URL the router refused (bad percent-encoding, over-long parameter) in the platform's shape. */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_BAD_URL') {
    void reply.code(400).send({ error: { code: 'bad_url', message: 'The URL is not validly percent-encoded' } });
  } else if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void reply.code(414).send({ error: { code: 'uri_too_long', message: `A path parameter is longer than ${MAX_PARAM_LENGTH} characters` } });
  } else {
    void reply.code(500).send({ error: { code: 'internal_error', message: 'Internal server error' } });
  }
}

/**
 * onRequest hook: a URL carrying NUL (`%00`) is refused before routing. No key, time or filter may hold
 * it, and PostgreSQL cannot compare text with it (a 500 otherwise, e.g. on a path parameter).
 */
export function refuseNulInUrl(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  if (/%00|\u0000/i.test(request.url)) {
    void reply.code(400).send({ error: { code: 'bad_url', message: 'The URL contains a NUL character (%00)' } });
    return;
  }
  done();
}
