import { compileLinearRegex, linearRegexProblem } from './linear-regex';

const compile = (pattern: string, ci = false) => {
  const compiled = compileLinearRegex(pattern, ci);
  if (!compiled.ok) throw new Error(`${pattern}: ${compiled.reason}`);
  return compiled.regex;
};

// Patterns as people write them for targeting, plus the corners where JavaScript and RE2 syntax differ.
const PATTERNS = [
  '^[a-z]+@acme\\.com$', 'Chrome/1[0-9]{2}', 'Android \\d+', '^BOB@', 'iPhone|iPad', '^v?\\d+\\.\\d+(\\.\\d+)?$', '^(?:de|fr|it)-[A-Z]{2}$',
  '\\bpro\\b', '\\Bro', '\\w+@\\w+', '^\\W', '\\D{3}', '^\\S+$', '\\s', '[\\s,]+', '[^\\s]', '[\\S]x', 'a.b', '^.{3}$', '^.*$',
  '\\z', '\\A', '\\Q.\\E', '\\p{L}', '\\e', '[[:alpha:]]', '[\\d-z]', '[a-z-0]', '[--0]', 'a{,3}', 'a{2,}', 'a{1,2}?b', 'x{', '}', ']',
  '\\cJ', '\\u00e9', '\\x41', '\\0', '[\\b]', '\\/', '\\-', '(?<year>\\d{4})-(?<month>\\d{2})', '(a|ab)(c|bcd)(d*)', '^$', '',
  '(a|a)*$', '(a|aa)*$', '(.*a){12}$', '^(\\w|\\d)*$', '(a+)+$', '[\u00c0-\u00ff]+', 'caf\u00e9', '[\\u2028]', '^a$|^b$',
];
const INPUTS = [
  '', 'a', 'b', 'ab', 'abc', 'aaa', 'aab', 'bob@acme.com', 'BOB@acme.com', 'bob1@acme.com', 'Mozilla Chrome/120.0', 'Android 14', 'iPad',
  'v1.2.3', '1.2', 'de-CH', 'fr-fr', 'pro', 'a pro plan', 'problem', 'x@y', ' lead', 'abc1', 'a b', 'a\tb', 'a\u00a0b', 'a\u3000b',
  'a\u2028b', 'a\nb', 'a\rb', 'a\u000bb', 'a\u0085b', 'z', 'A', 'Q.E', 'QxE', 'p{L}', 'e', ':', '[', '-', '5', '/', 'a{,3}', 'aaaa', 'ab', 'aab',
  'x{', '}', ']', '\n', '\u00e9', 'caf\u00e9', 'CAF\u00c9', '\u00c0\u00ff', '\u0000', '\b', '2024-05', 'acd', 'abcd', 'aaaaaaaa!',
  'ABC', 'Ab', 'aB', 'PRO', 'ANDROID 14', '\u00e0',
];

describe('compileLinearRegex', () => {
  it.each(PATTERNS)('gives the results JavaScript RegExp gave for /%s/', (pattern) => {
    for (const ci of [false, true]) {
      const native = new RegExp(pattern, ci ? 'i' : '');
      const linear = compile(pattern, ci);
      const differences = INPUTS.filter((input) => native.test(input) !== linear.test(input));
      expect({ ci, differences }).toEqual({ ci, differences: [] });
    }
  });

  it('evaluates the catastrophic patterns of the issue on long inputs without backtracking', () => {
    // With backtracking each of these takes minutes to centuries at these lengths; linear time returns at once.
    const hostile = 'a'.repeat(4096) + '!';
    expect(compile('(a|a)*$').test(hostile)).toBe(true);
    expect(compile('(a|aa)*$').test(hostile)).toBe(true);
    expect(compile('(.*a){12}$').test(hostile)).toBe(false);
    expect(compile('^(\\w|\\d)*$').test(hostile)).toBe(false);
    expect(compile('(a+)+$').test(hostile)).toBe(false);
    expect(compile('^(a|a)*$', true).test('A'.repeat(4096) + 'b')).toBe(false);
  });

  it.each([
    ['(a)\\1', 'back-references'],
    ['(?<n>a)\\k<n>', 'named back-references'],
    ['(?=a)b', 'lookahead'],
    ['(?!a)b', 'lookahead'],
    ['(?<=a)b', 'lookbehind'],
    ['(?<!a)b', 'lookbehind'],
    ['[]a', 'empty classes'],
    ['[^]', 'empty classes'],
    ['\\012', 'octal'],
    ['😀', 'Basic Multilingual Plane'],
    ['\\ud83d\\ude00', 'Basic Multilingual Plane'],
    ['a{1001}', 'repeat count'],
  ])('refuses %s, which it cannot run the same way, saying why (%s)', (pattern, reason) => {
    expect(linearRegexProblem(pattern)).toContain(reason);
  });

  it('accepts what it can run', () => {
    expect(linearRegexProblem('^[a-z]+@acme\\.com$')).toBeUndefined();
  });
});
