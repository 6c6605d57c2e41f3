import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { classifyPostgresError, PostgresUnavailableError } from './postgres-errors';

/** pg's server error, as the protocol parser builds it. */
function serverError(code: string, message: string): DatabaseError {
  const error = new DatabaseError(message, message.length, 'error');
  error.code = code;
  return error;
}

const refused = (port: number) => Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:${port}`), { code: 'ECONNREFUSED', errno: -111, syscall: 'connect' });

describe('classifyPostgresError', () => {
  it.each([
    ['connection refused', refused(5432)],
    ['connection refused on IPv4 and IPv6 (AggregateError)', Object.assign(new AggregateError([refused(5432), refused(5432)], ''), { code: 'ECONNREFUSED' })],
    ['AggregateError without its own code', new AggregateError([refused(5432)], '')],
    ['connection reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['connection terminated mid-query', new Error('Connection terminated unexpectedly')],
    ['connection timeout', new Error('Connection terminated due to connection timeout')],
    ['pool wait timeout', new Error('timeout exceeded when trying to connect')],
    ['admin shutdown 57P01', serverError('57P01', 'terminating connection due to administrator command')],
    ['crash shutdown 57P02', serverError('57P02', 'terminating connection due to crash of another server process')],
    ['server starting up 57P03', serverError('57P03', 'the database system is starting up')],
    ['connection failure 08006', serverError('08006', 'connection failure')],
    ['connection does not exist 08003', serverError('08003', 'connection does not exist')],
    ['too many connections 53300', serverError('53300', 'sorry, too many clients already')],
    ['disk full 53100', serverError('53100', 'could not extend file')],
    ['TypeORM QueryFailedError around an admin shutdown', new QueryFailedError('select 1', [], serverError('57P01', 'terminating connection due to administrator command'))],
    ['an error whose cause is a refusal', new Error('transaction failed', { cause: refused(15432) })],
  ])('treats %s as retriable unavailability', (_name, error) => {
    const classified = classifyPostgresError(error);
    expect(classified).toBeInstanceOf(PostgresUnavailableError);
    expect(classified).toMatchObject({ code: 'postgres_unavailable', retriable: true });
    expect(classified?.cause).toBe(error);
  });

  it.each([
    ['unique violation 23505', new QueryFailedError('insert', [], serverError('23505', 'duplicate key value violates unique constraint'))],
    ['syntax error 42601', serverError('42601', 'syntax error at or near "selec"')],
    ['serialization failure 40001 (retried by the writer, not an outage)', serverError('40001', 'could not serialize access')],
    ['undefined table 42P01', serverError('42P01', 'relation "nope" does not exist')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'version')")],
    ['a string', 'boom'],
    ['nothing', undefined],
  ])('leaves %s alone', (_name, error) => {
    expect(classifyPostgresError(error)).toBeUndefined();
  });

  it('returns an already classified error as it is', () => {
    const error = new PostgresUnavailableError('down');
    expect(classifyPostgresError(error)).toBe(error);
  });
});
