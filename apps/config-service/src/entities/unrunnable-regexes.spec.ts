import { UnprocessableError } from '@xp/platform';
import { flagDefinition } from '../flags/flag-definition';
import { segmentDefinition } from '../segments/segment-definition';
import { booleanFlag, segment } from '../testing/fixtures';

const regexRule = (...patterns: string[]) => ({
  rules: [{ id: 'r', conditions: [{ attribute: 'email', operator: 'regex', values: patterns }], weights: [{ variant: 'on', weight: 10_000 }] }],
});

const refusal = (write: () => unknown) => {
  try {
    write();
  } catch (error) {
    return error as UnprocessableError;
  }
  throw new Error('expected a refusal');
};

describe('regex conditions the linear-time engine cannot run', () => {
  it('are refused with 422 unsupported_regex naming each pattern and the reason', () => {
    const error = refusal(() => flagDefinition.toState(booleanFlag('f', regexRule('^[a-z]+$', '(a)\\1', '(?=x)y')), undefined));
    expect(error).toBeInstanceOf(UnprocessableError);
    expect(error.code).toBe('unsupported_regex');
    expect(error.details?.issues).toEqual([
      { path: 'environments.production.rules.0.conditions.0.values.1', message: expect.stringContaining('back-references') },
      { path: 'environments.production.rules.0.conditions.0.values.2', message: expect.stringContaining('lookahead') },
    ]);
  });

  it('are refused in segments too', () => {
    const input = { ...segment('s'), conditions: [{ attribute: 'ua', operator: 'regex', values: ['(?<!a)b'] }] };
    expect(refusal(() => segmentDefinition.toState(input, undefined)).details?.issues).toEqual([
      { path: 'conditions.0.values.0', message: expect.stringContaining('lookbehind') },
    ]);
  });

  it('leave patterns it runs alone, including those that backtrack catastrophically elsewhere', () => {
    expect(flagDefinition.toState(booleanFlag('f', regexRule('^[a-z]+@acme\\.com$', '(a|a)*$')), undefined)).toMatchObject({ key: 'f' });
  });
});
