import { classifyClickHouseError } from './classify-clickhouse-error';
import { ClickHouseQueryError, ClickHouseUnavailableError } from './clickhouse-error';

describe('classifyClickHouseError', () => {
  it('keeps chdb engine codes and messages, syntax errors not retriable', () => {
    const error = Object.assign(new Error('Code: 62. DB::Exception: Syntax error'), { code: 'CHDB_SYNTAX', clickhouseCode: 62 });
    const wrapped = classifyClickHouseError(error, 'chdb query failed');
    expect(wrapped).toBeInstanceOf(ClickHouseQueryError);
    expect(wrapped).toMatchObject({ clickhouseCode: 62, retriable: false, cause: error });
    expect(wrapped.message).toBe('chdb query failed: Code: 62. DB::Exception: Syntax error');
  });

  it('reads the numeric string code of the HTTP client and marks overload as retriable', () => {
    const error = Object.assign(new Error('Too many parts'), { code: '252', type: 'TOO_MANY_PARTS' });
    expect(classifyClickHouseError(error, 'insert')).toMatchObject({ clickhouseCode: 252, retriable: true });
  });

  it('falls back to the "Code: N." prefix of the message', () => {
    expect(classifyClickHouseError(new Error('Code: 159. Timeout exceeded'), 'q')).toMatchObject({
      clickhouseCode: 159,
      retriable: true,
    });
  });

  it('treats refused connections as retriable unavailability', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8123'), { code: 'ECONNREFUSED' });
    const wrapped = classifyClickHouseError(error, 'q');
    expect(wrapped).toBeInstanceOf(ClickHouseUnavailableError);
    expect(wrapped.retriable).toBe(true);
  });

  it('treats an operation on a closed chdb session as unavailable and not retriable', () => {
    const error = Object.assign(new Error('No active connection available'), { code: 'CHDB_CLOSED' });
    expect(classifyClickHouseError(error, 'q')).toMatchObject({ code: 'CLICKHOUSE_UNAVAILABLE', retriable: false });
  });

  it('wraps anything else as a non-retriable query error', () => {
    expect(classifyClickHouseError('boom', 'q')).toMatchObject({ code: 'CLICKHOUSE_QUERY', retriable: false, message: 'q: boom' });
  });
});
