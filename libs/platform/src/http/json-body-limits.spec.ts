import { jsonBodyProblem, MAX_JSON_DEPTH, MAX_JSON_STRING_LENGTH } from './json-body-limits';

const nested = (depth: number): unknown => JSON.parse('['.repeat(depth - 1) + '{"a":1}' + ']'.repeat(depth - 1));
const problem = (body: unknown) => {
  const error = jsonBodyProblem(body);
  return error && { code: error.code, path: (error.details?.issues as Array<{ path: string }>)[0].path };
};

describe('jsonBodyProblem', () => {
  it('accepts ordinary bodies, including tabs and newlines in values and paired surrogates', () => {
    expect(jsonBodyProblem({ events: [{ unit: 'u', properties: { note: 'a\tb\nc 😀' } }], n: 1, ok: true, none: null })).toBeUndefined();
    expect(jsonBodyProblem(nested(MAX_JSON_DEPTH))).toBeUndefined();
    expect(jsonBodyProblem('x'.repeat(MAX_JSON_STRING_LENGTH))).toBeUndefined();
  });

  it('refuses nesting deeper than the limit, even 20,000 levels (no stack overflow)', () => {
    expect(problem(nested(MAX_JSON_DEPTH + 1))?.code).toBe('json_too_deep');
    expect(problem(JSON.parse('['.repeat(20_000) + ']'.repeat(20_000)))?.code).toBe('json_too_deep');
    expect(problem(JSON.parse('{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000)))).toEqual({ code: 'json_too_deep', path: Array(MAX_JSON_DEPTH).fill('a').join('.') });
  });

  it('refuses NUL characters and unpaired surrogates in strings, naming the field', () => {
    expect(problem(JSON.parse('{"description":"a\\u0000b"}'))).toEqual({ code: 'json_invalid_string', path: 'description' });
    expect(problem(JSON.parse('{"events":[{"unit":"\\ud800"}]}'))).toEqual({ code: 'json_invalid_string', path: 'events.0.unit' });
    expect(problem({ list: ['ok', 'x\udc00'] })).toEqual({ code: 'json_invalid_string', path: 'list.1' });
  });

  it('refuses over-long strings', () => {
    expect(problem({ a: { b: 'x'.repeat(MAX_JSON_STRING_LENGTH + 1) } })).toEqual({ code: 'json_string_too_long', path: 'a.b' });
  });

  it('refuses control characters in keys', () => {
    expect(problem(JSON.parse('{"attributes":{"pl\\u0001an":"pro"}}'))).toEqual({ code: 'json_invalid_key', path: 'attributes."pl\\u0001an"' });
    expect(problem(JSON.parse('{"a\\u0000":1}'))?.code).toBe('json_invalid_key');
  });

  it('refuses prototype-poisoning keys with a message that says so', () => {
    const proto = jsonBodyProblem(JSON.parse('{"unit":"u","attributes":{"__proto__":{"admin":true}}}'));
    expect(proto?.code).toBe('json_forbidden_key');
    expect(proto?.message).toContain('"__proto__" is not allowed');
    expect(problem(JSON.parse('{"constructor":{"prototype":{"admin":true}}}'))).toEqual({ code: 'json_forbidden_key', path: 'constructor.prototype' });
    expect(jsonBodyProblem({ constructor: 'a plain value is fine' })).toBeUndefined();
  });
});
