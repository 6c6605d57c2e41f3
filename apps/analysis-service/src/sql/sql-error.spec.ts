import { fromEngineMessage, SqlError, statusOfEngineCode } from './sql-error';

describe('SQL endpoint errors in ClickHouse shape', () => {
  it('parses the engine text and maps it to a status', () => {
    const error = fromEngineMessage('query failed: Code: 60. DB::Exception: Unknown table expression identifier `nope` in scope SELECT * FROM nope. (UNKNOWN_TABLE) (version 26.7.2.1)');
    expect(error).toMatchObject({ status: 404, code: 60, codeName: 'UNKNOWN_TABLE' });
    expect(error!.text).toBe('Code: 60. DB::Exception: Unknown table expression identifier `nope` in scope SELECT * FROM nope. (UNKNOWN_TABLE)\n');
  });

  it.each([
    [164, 403],
    [159, 422],
    [396, 422],
    [202, 503],
    [62, 400],
    [81, 404],
  ])('code %i -> HTTP %i', (code, status) => expect(statusOfEngineCode(code)).toBe(status));

  it('keeps the nested engine message once', () => {
    const error = fromEngineMessage("Code: 164. DB::Exception: Code: 164. DB::Exception: Cannot modify 'max_execution_time' setting in readonly mode. (READONLY) (version 26.7.2.1). (READONLY)");
    expect(error?.message).toBe("Cannot modify 'max_execution_time' setting in readonly mode");
  });

  it('writes its own errors as the server would', () => {
    expect(new SqlError(401, 194, 'REQUIRED_PASSWORD', 'Send an API key').text).toBe('Code: 194. DB::Exception: Send an API key. (REQUIRED_PASSWORD)\n');
  });
});
