import { ConditionSchema } from './condition.schema';

const issues = (input: unknown) => {
  const result = ConditionSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path, message: i.message }));
};

describe('ConditionSchema', () => {
  it('fills negate, caseInsensitive and values defaults', () => {
    expect(ConditionSchema.parse({ attribute: 'country', operator: 'exists' })).toEqual({
      attribute: 'country', operator: 'exists', values: [], negate: false, caseInsensitive: false,
    });
  });

  it.each([
    ['eq', ['x']], ['in', ['a', 1, true]], ['contains', ['abc']], ['regex', ['^a[0-9]+$']], ['gt', [3.5]],
    ['before', ['2024-05-01']], ['after', ['2024-05-01T10:00:00.000Z']], ['after', ['2024-05-01T10:00:00+02:00']],
    ['semverGte', ['1.2.3-beta.1']], ['semverLt', ['v2.0.0']], ['inSegment', ['beta-users']],
  ])('accepts %s with %j', (operator, values) => {
    expect(issues({ attribute: 'a', operator, values })).toEqual([]);
  });

  it('rejects an unknown operator at the operator path', () => {
    expect(issues({ attribute: 'a', operator: 'like', values: ['x'] })[0].path).toEqual(['operator']);
  });

  it('rejects an invalid regex with the index of the bad value', () => {
    const found = issues({ attribute: 'a', operator: 'regex', values: ['ok', '(unclosed'] });
    expect(found).toHaveLength(1);
    expect(found[0].path).toEqual(['values', 1]);
    expect(found[0].message).toMatch(/invalid regular expression/);
  });

  it('rejects catastrophic-backtracking-prone and over-long regexes', () => {
    expect(issues({ attribute: 'a', operator: 'regex', values: ['(a+)+$'] })[0].message).toMatch(/nested unbounded/);
    expect(issues({ attribute: 'a', operator: 'regex', values: ['a'.repeat(257)] })[0].message).toMatch(/longer than 256/);
  });

  it('rejects an invalid semver with its path', () => {
    expect(issues({ attribute: 'v', operator: 'semverGt', values: ['1.2'] })).toEqual([
      { path: ['values', 0], message: 'must be a valid semantic version' },
    ]);
  });

  it.each(['2024-13-01', 'yesterday', '2024-02-30T25:00:00Z', '01/02/2024'])('rejects the unparsable date %s', (date) => {
    expect(issues({ attribute: 'd', operator: 'before', values: [date] })[0].path).toEqual(['values', 0]);
  });

  it('rejects a number operator with a string operand', () => {
    expect(issues({ attribute: 'n', operator: 'gte', values: ['10'] })).toEqual([{ path: ['values', 0], message: 'must be a number' }]);
  });

  it('requires exactly one value for single-value operators and none for exists', () => {
    expect(issues({ attribute: 'a', operator: 'eq', values: ['x', 'y'] })[0].message).toBe('eq takes exactly one value');
    expect(issues({ attribute: 'a', operator: 'in', values: [] })[0].message).toBe('in takes at least one value');
    expect(issues({ attribute: 'a', operator: 'exists', values: ['x'] })[0].message).toBe('exists takes no values');
  });

  it('rejects a segment reference that is not a key', () => {
    expect(issues({ attribute: 'a', operator: 'inSegment', values: ['Not A Key'] })[0].path).toEqual(['values', 0]);
  });

  it('accepts CIDR ranges and plain addresses, IPv4 and IPv6, and rejects anything else at its index', () => {
    expect(issues({ attribute: 'ip', operator: 'inCidr', values: ['10.0.0.0/8', '2001:db8::/32', '203.0.113.7'] })).toEqual([]);
    const found = issues({ attribute: 'ip', operator: 'inCidr', values: ['10.0.0.0/8', '10.0.0.0/33', '10.1', 'ten'] });
    expect(found.map((i) => i.path)).toEqual([['values', 1], ['values', 2], ['values', 3]]);
  });

  it('allows a list operand with eq and neq only', () => {
    expect(issues({ attribute: 'tags', operator: 'eq', values: [['a', 'b']] })).toEqual([]);
    expect(issues({ attribute: 'tags', operator: 'containsAny', values: [['a']] })[0].message).toBe('a list operand is only allowed with eq and neq');
  });

  it('takes whole, non-negative sizes and string operands for string ordering', () => {
    expect(issues({ attribute: 'tags', operator: 'sizeGt', values: [2] })).toEqual([]);
    expect(issues({ attribute: 'tags', operator: 'sizeGt', values: [1.5] })[0].message).toBe('must be a whole number >= 0');
    expect(issues({ attribute: 'plan', operator: 'strLt', values: [3] })[0].message).toBe('must be a string');
  });

  it('accepts short versions only for lenient conditions', () => {
    expect(issues({ attribute: 'v', operator: 'semverGt', values: ['1.2'], lenient: true })).toEqual([]);
    expect(issues({ attribute: 'v', operator: 'semverGt', values: ['V1'], lenient: true })).toEqual([]);
    expect(issues({ attribute: 'v', operator: 'semverGt', values: ['latest'], lenient: true })[0].path).toEqual(['values', 0]);
  });
});
