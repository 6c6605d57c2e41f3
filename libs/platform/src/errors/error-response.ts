import { HttpException } from '@nestjs/common';
import { z } from 'zod';
import { DomainError, type DomainErrorKind } from './domain-error';
import { engineDisplayName, engineOutageOf } from './engine-outage';

/** What a 503 tells clients to wait before retrying, in seconds. */
export const RETRY_AFTER_SECONDS = 2;

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  /** Only server faults are worth an error log; client mistakes are routine. */
  serverFault: boolean;
  /** Response headers to set with it (`Retry-After` on every 503). */
  headers?: Record<string, string>;
  /** Set for an engine outage: the adapter's message, worth a warning rather than an error with a stack. */
  outage?: string;
}

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  unavailable: 503,
};

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'too_many_requests',
  503: 'unavailable',
};

/** Error codes are lower snake case in every service, whatever a domain error spelled (`EXPERIMENT_NOT_FOUND`). */
export function toErrorCode(code: string): string {
  const snake = code
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return snake === '' ? 'error' : snake;
}

const respond = (status: number, rawCode: string, message: string, details?: Record<string, unknown>): ErrorResponse => {
  const code = toErrorCode(rawCode);
  return {
    status,
    body: { error: details === undefined ? { code, message } : { code, message, details } },
    serverFault: status >= 500,
    ...(status === 503 ? { headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } } : {}),
  };
};

/** body-parser errors carry `type` and `status`; they must answer in JSON like everything else. */
interface BodyParserError {
  type: string;
  status: number;
  message: string;
}

function isBodyParserError(err: unknown): err is BodyParserError {
  const e = err as Partial<BodyParserError> | null;
  return typeof e?.type === 'string' && e.type.startsWith('entity.') && typeof e.status === 'number';
}

function httpExceptionMessage(err: HttpException): string {
  const response = err.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : err.message;
}

/** Maps any thrown value to the one JSON error shape; unknown errors reveal nothing internal. */
export function toErrorResponse(err: unknown): ErrorResponse {
  if (err instanceof DomainError) {
    return respond(STATUS_BY_KIND[err.kind], err.code, err.message, err.details);
  }
  if (err instanceof z.core.$ZodError) {
    const issues = err.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    }));
    const summary = issues.map((i) => `${i.path || '(body)'}: ${i.message}`).join('; ');
    return respond(400, 'validation_failed', `Invalid request: ${summary}`, { issues });
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    // Nest turns body-parser's JSON SyntaxError into a BadRequestException.
    const malformed = status === 400 && err.cause === undefined && /JSON/i.test(err.message);
    if (status >= 500) return respond(status, 'internal_error', 'Internal server error');
    return respond(status, malformed ? 'malformed_json' : (CODE_BY_STATUS[status] ?? 'http_error'), httpExceptionMessage(err));
  }
  if (isBodyParserError(err) && err.status < 500) {
    if (err.type === 'entity.parse.failed') return respond(400, 'malformed_json', err.message);
    return respond(err.status, CODE_BY_STATUS[err.status] ?? 'bad_request', err.message);
  }
  // An engine that is down, restarting or overloaded: never a 500, clients should retry.
  const outage = engineOutageOf(err);
  if (outage) {
    const name = engineDisplayName(outage.engine);
    const response = respond(503, `${outage.engine}_unavailable`, `${name} is unavailable; retry later`, { retriable: true, engine: outage.engine });
    return { ...response, outage: outage.reason };
  }
  return respond(500, 'internal_error', 'Internal server error');
}
