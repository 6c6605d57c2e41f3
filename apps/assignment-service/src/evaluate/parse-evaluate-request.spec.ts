import { z } from 'zod';
import { evaluateRequestSchema } from '@xp/contracts';
import { parseEvaluateRequest } from './parse-evaluate-request';

const issuesOf = (body: unknown) => {
  try {
    parseEvaluateRequest(body);
    return 'accepted';
  } catch (error) {
    if (!(error instanceof z.core.$ZodError)) throw error;
    return error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  }
};

const schemaIssuesOf = (body: unknown) => {
  const result = evaluateRequestSchema.safeParse(body);
  return result.success ? 'accepted' : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('parseEvaluateRequest', () => {
  const valid: Array<[string, unknown]> = [
    ['a unit alone', { unit: 'u-1' }],
    ['scalars, null and lists', { unit: 'u', attributes: { country: 'DE', age: 31, beta: true, none: null, tags: ['a', 2, false] } }],
    ['requested flags', { unit: 'u', flags: ['a', 'b'] }],
    ['unknown top-level fields (dropped)', { unit: 'u', extra: 1 }],
    ['limits exactly reached', { unit: 'u'.repeat(256), attributes: { ['k'.repeat(200)]: 's'.repeat(4096) }, flags: ['f'.repeat(200)] }],
  ];

  it.each(valid)('returns what the schema returns for %s', (_name, body) => {
    expect(parseEvaluateRequest(body)).toEqual(evaluateRequestSchema.parse(body));
  });

  const invalid: Array<[string, unknown]> = [
    ['an empty unit', { unit: '' }],
    ['a unit too long', { unit: 'u'.repeat(257) }],
    ['a missing unit', { attributes: {} }],
    ['a nested attribute', { unit: 'u', attributes: { plan: { nested: true } } }],
    ['null inside a list', { unit: 'u', attributes: { tags: [null] } }],
    ['a list too long', { unit: 'u', attributes: { tags: Array.from({ length: 101 }, () => 1) } }],
    ['a string too long', { unit: 'u', attributes: { s: 's'.repeat(4097) } }],
    ['an attribute name too long', { unit: 'u', attributes: { ['k'.repeat(201)]: 1 } }],
    ['an empty attribute name', { unit: 'u', attributes: { '': 1 } }],
    ['too many attributes', { unit: 'u', attributes: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`a${i}`, i])) }],
    ['attributes as null', { unit: 'u', attributes: null }],
    ['attributes as a list', { unit: 'u', attributes: [1] }],
    ['flags as a string', { unit: '', attributes: { plan: { nested: true } }, flags: 'checkout' }],
    ['an empty flag key', { unit: 'u', flags: [''] }],
    ['too many flags', { unit: 'u', flags: Array.from({ length: 1001 }, (_, i) => `f${i}`) }],
    ['a list body', [{ unit: 'u' }]],
    ['no body', undefined],
  ];

  it.each(invalid)('rejects %s with exactly the schema issues', (_name, body) => {
    const expected = schemaIssuesOf(body);
    expect(expected).not.toBe('accepted');
    expect(issuesOf(body)).toEqual(expected);
  });

  it('treats a "__proto__" attribute as the schema does', () => {
    const body = JSON.parse('{"unit":"u","attributes":{"__proto__":"x","a":1}}') as unknown;
    expect(parseEvaluateRequest(body)).toEqual(evaluateRequestSchema.parse(body));
  });
});
