import { BadRequestException, NotFoundException } from '@nestjs/common';
import { ClickHouseQueryError, ClickHouseUnavailableError } from '@xp/clickhouse';
import { InvalidEnvelopeError, KafkaUnavailableError } from '@xp/kafka';
import { PostgresUnavailableError } from '@xp/postgres';
import { KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded } from 'kafkajs';
import { QueryFailedError } from 'typeorm';
import { z } from 'zod';
import {
  ConflictError,
  DomainError,
  InvalidInputError,
  NotFoundError,
  UnavailableError,
  UnprocessableError,
} from './domain-error';
import { toErrorCode, toErrorResponse } from './error-response';

describe('toErrorResponse', () => {
  it.each([
    [new InvalidInputError('bad_key', 'Key has spaces'), 400],
    [new NotFoundError('flag_not_found', 'No flag checkout'), 404],
    [new ConflictError('version_conflict', 'Expected version 3, found 4'), 409],
    [new UnprocessableError('weights_not_100', 'Weights sum to 90'), 422],
    [new UnavailableError('kafka_down', 'Kafka is unreachable'), 503],
  ])('maps %p to status %i with its code and message', (error, status) => {
    const response = toErrorResponse(error);
    expect(response.status).toBe(status);
    expect(response.body).toEqual({ error: { code: error.code, message: error.message } });
  });

  it('includes details when the domain error has them', () => {
    const error = new ConflictError('version_conflict', 'stale', { details: { expected: 3, actual: 4 } });
    expect(toErrorResponse(error).body.error.details).toEqual({ expected: 3, actual: 4 });
  });

  it('marks only unavailable errors retriable by default', () => {
    expect(new UnavailableError('x', 'y').retriable).toBe(true);
    expect(new ConflictError('x', 'y').retriable).toBe(false);
    expect(new DomainError('invalid', 'x', 'y', { retriable: true }).retriable).toBe(true);
  });

  it('turns a zod error into a 400 that names the path of each bad field', () => {
    const schema = z.object({ key: z.string(), variants: z.array(z.object({ weight: z.number() })) });
    const result = schema.safeParse({ key: 1, variants: [{ weight: 'half' }] });
    const response = toErrorResponse(result.error);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    const issues = response.body.error.details?.issues as Array<{ path: string }>;
    expect(issues.map((i) => i.path)).toEqual(['key', 'variants.0.weight']);
  });

  it('hides the message of an unknown error behind a 500', () => {
    const response = toErrorResponse(new Error('connection string postgres://u:p@db leaked'));
    expect(response).toEqual({
      status: 500,
      body: { error: { code: 'internal_error', message: 'Internal server error' } },
      serverFault: true,
    });
  });

  it('keeps the status of Nest HTTP exceptions such as an unknown route', () => {
    const response = toErrorResponse(new NotFoundException('Cannot GET /nope'));
    expect(response.status).toBe(404);
    expect(response.body.error).toEqual({ code: 'not_found', message: 'Cannot GET /nope' });
    expect(response.serverFault).toBe(false);
  });

  it('reports malformed JSON bodies as malformed_json', () => {
    const response = toErrorResponse(new BadRequestException('Unexpected token } in JSON at position 9'));
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('malformed_json');
  });

  it('answers a too-large body with 413 in JSON', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), { type: 'entity.too.large', status: 413 });
    const response = toErrorResponse(tooLarge);
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('payload_too_large');
  });

  it('spells codes in lower snake case whatever the error said', () => {
    expect(toErrorResponse(new DomainError('not_found', 'EXPERIMENT_NOT_FOUND', 'x')).body.error.code).toBe('experiment_not_found');
    expect(toErrorCode('versionConflict')).toBe('version_conflict');
    expect(toErrorCode('config_service_http_404')).toBe('config_service_http_404');
    expect(toErrorCode('--')).toBe('error');
  });

  describe('engine outages', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:15432'), { code: 'ECONNREFUSED' });
    it.each([
      ['PostgreSQL refusing connections (raw pg)', refused, 'postgres_unavailable'],
      ['PostgreSQL terminated mid-query', new Error('Connection terminated unexpectedly'), 'postgres_unavailable'],
      ['PostgreSQL admin shutdown inside a TypeORM error', new QueryFailedError('insert', [], Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })), 'postgres_unavailable'],
      ['a typed PostgresUnavailableError', new PostgresUnavailableError('PostgreSQL connection is not open'), 'postgres_unavailable'],
      ['a typed KafkaUnavailableError', new KafkaUnavailableError('down'), 'kafka_unavailable'],
      ['kafkajs retries used up', new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError('Connection error'), { retryCount: 5, retryTime: 3000 }), 'kafka_unavailable'],
      ['ClickHouse unreachable', new ClickHouseUnavailableError('results: connect ECONNREFUSED 127.0.0.1:8123'), 'clickhouse_unavailable'],
      ['ClickHouse overloaded (TOO_MANY_SIMULTANEOUS_QUERIES)', new ClickHouseQueryError('Code: 202.', { retriable: true, clickhouseCode: 202 }), 'clickhouse_unavailable'],
    ])('answers %s with 503, a retriable code, Retry-After and no internal detail', (_name, error, code) => {
      const response = toErrorResponse(error);
      expect(response.status).toBe(503);
      expect(response.body.error.code).toBe(code);
      expect(response.body.error.details).toMatchObject({ retriable: true });
      expect(response.headers).toEqual({ 'Retry-After': '2' });
      expect(response.body.error.message).toMatch(/unavailable; retry later$/);
      expect(JSON.stringify(response.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|Code: 202/);
      expect(response.outage).toBeDefined();
    });

    it.each([
      ['a ClickHouse syntax error', new ClickHouseQueryError('Code: 62. Syntax error', { retriable: false, clickhouseCode: 62 })],
      ['an envelope that breaks its contract', new InvalidEnvelopeError('xp.events', 'metric.event', [])],
      ['a unique violation', new QueryFailedError('insert', [], Object.assign(new Error('duplicate key'), { code: '23505' }))],
    ])('keeps %s a 500: a bug, not an outage', (_name, error) => {
      const response = toErrorResponse(error);
      expect(response.status).toBe(500);
      expect(response.body.error.code).toBe('internal_error');
      expect(response.headers).toBeUndefined();
    });

    it('sends Retry-After with a domain 503 too', () => {
      expect(toErrorResponse(new UnavailableError('ruleset_not_ready', 'retry shortly')).headers).toEqual({ 'Retry-After': '2' });
    });
  });
});
