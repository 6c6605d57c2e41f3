import { regexSafetyProblem } from './regex-safety';

describe('regexSafetyProblem', () => {
  it.each(['^[a-z]+@example\\.com$', '(ab)+', '(a|b){2,3}', '[(+)]*', '\\(a+\\)+', '^(?:v\\d+)?$'])('accepts %s', (pattern) => {
    expect(regexSafetyProblem(pattern)).toBeUndefined();
  });

  it.each(['(a+)+', '(a*)*b', '((ab)*c)+', '(\\w+\\s?)*$', '(x+){2,}', '(.*a)+'])('rejects nested unbounded quantifiers in %s', (pattern) => {
    expect(regexSafetyProblem(pattern)).toMatch(/nested unbounded/);
  });

  it('leaves back-references to the engine check (config-service answers 422 unsupported_regex)', () => {
    expect(regexSafetyProblem('(a)\\1')).toBeUndefined();
  });
});
