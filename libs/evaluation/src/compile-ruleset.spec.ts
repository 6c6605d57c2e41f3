import murmurhash from 'murmurhash';
import { Flag, FlagInput, Ruleset, RulesetSchema } from '@xp/contracts';
import { bucketOf, bucketWithPrefix, saltPrefix } from './hashing/bucket';
import { compileRuleset } from './compile-ruleset';
import { murmur3 } from './hashing/murmur3';

const boolFlag = (key: string, extra: Partial<FlagInput> = {}): FlagInput => ({
  key, valueType: 'boolean', variants: [{ key: 'on', value: true }, { key: 'off', value: false }], offVariant: 'off', enabled: true, salt: key,
  rules: [{ id: 'all', weights: [{ variant: 'on', weight: 10000 }] }], ...extra,
});
const compile = (flags: FlagInput[]) => compileRuleset(RulesetSchema.parse({ version: 7, flags }));
/** Bypasses the schema, as a consumer replaying old or corrupt data might. */
const compileRaw = (flags: unknown[]) => compileRuleset({ version: 1, flags: flags as Flag[], segments: [], experiments: [], holdouts: [] } as Ruleset);

describe('murmur3', () => {
  it('matches the murmurhash package (which hashes UTF-8 bytes) on ASCII, non-ASCII and astral strings', () => {
    const inputs = ['', 'x', 'user-123', 'héllo wörld', '日本語のユーザー', '😀👍🏽', 'mixed-é-😀-z'];
    expect(inputs.map(murmur3)).toEqual(inputs.map((s) => murmurhash.v3(s)));
  });

  it('encodes a lone surrogate as U+FFFD like TextEncoder', () => {
    expect(murmur3('a\ud800b')).toBe(murmur3('a\ufffdb'));
  });
});

describe('bucketOf', () => {
  it('agrees with a precomputed bucketer and stays within 0..9999', () => {
    const prefix = saltPrefix('salt');
    for (const unit of ['a', 'b', 'ユーザー', '42']) {
      expect(bucketWithPrefix(prefix, unit)).toBe(bucketOf('salt', unit));
      expect(bucketOf('salt', unit)).toBeLessThan(10000);
    }
  });
});

describe('compileRuleset', () => {
  it('exposes the ruleset version and evaluates every flag in ruleset order by default', () => {
    const evaluator = compile([boolFlag('first'), boolFlag('second', { enabled: false })]);
    expect(evaluator.version).toBe(7);
    expect(evaluator.evaluate('u').map((r) => [r.flagKey, r.reason])).toEqual([['first', 'TARGETING_MATCH'], ['second', 'DISABLED']]);
  });

  it('returns results in the order of the requested keys, including unknown ones', () => {
    const results = compile([boolFlag('first'), boolFlag('second')]).evaluate('u', {}, ['second', 'nope', 'first']);
    expect(results.map((r) => `${r.flagKey}:${r.reason}`)).toEqual(['second:TARGETING_MATCH', 'nope:ERROR', 'first:TARGETING_MATCH']);
    expect(results[1].errorCode).toBe('FLAG_NOT_FOUND');
  });

  it('hands out frozen results so one caller cannot change what another sees', () => {
    const evaluator = compileRuleset(RulesetSchema.parse({
      version: 1,
      flags: [{ key: 'cfg', valueType: 'json', variants: [{ key: 'v', value: { limit: 1 } }], offVariant: 'v', enabled: true, salt: 's' }],
    }));
    const result = evaluator.evaluateFlag('cfg', 'u');
    expect(Object.isFrozen(result)).toBe(true);
    expect(Object.isFrozen(result.value)).toBe(true);
    expect(evaluator.evaluateFlag('cfg', 'other')).toBe(result);
  });

  it('reports TYPE_MISMATCH for a flag whose variant value does not match its type', () => {
    const [result] = compileRaw([{ ...FlagSchemaDefaults, key: 'typed', valueType: 'number', variants: [{ key: 'v', value: 'seven' }], offVariant: 'v' }]).evaluate('u');
    expect(result).toMatchObject({ reason: 'ERROR', errorCode: 'TYPE_MISMATCH', variant: null });
  });

  it('reports PARSE_ERROR for an unknown operator or an invalid regex instead of throwing', () => {
    const rule = (condition: unknown) => [{ id: 'r', conditions: [{ negate: false, caseInsensitive: false, ...(condition as object) }], rollout: 100, weights: [{ variant: 'on', weight: 10000 }] }];
    const evaluator = compileRaw([
      { ...FlagSchemaDefaults, key: 'bad-op', rules: rule({ attribute: 'a', operator: 'like', values: ['x'] }) },
      { ...FlagSchemaDefaults, key: 'bad-regex', rules: rule({ attribute: 'a', operator: 'regex', values: ['('] }) },
      // Stored before config-service refused it: the linear-time engine cannot run a back-reference.
      { ...FlagSchemaDefaults, key: 'backref', rules: rule({ attribute: 'a', operator: 'regex', values: ['(a)\\1'] }) },
    ]);
    expect(evaluator.evaluate('u').map((r) => r.errorCode)).toEqual(['PARSE_ERROR', 'PARSE_ERROR', 'PARSE_ERROR']);
    expect(evaluator.evaluateFlag('backref', 'u').errorMessage).toContain('back-references are not supported');
  });

  it('matches a case-insensitive regex without lower-casing the pattern (\\S stays "not a space")', () => {
    const rule = [{ id: 'r', conditions: [{ attribute: 'name', operator: 'regex' as const, values: ['^\\S+$'], caseInsensitive: true }], weights: [{ variant: 'on', weight: 10000 }] }];
    const evaluator = compile([boolFlag('ci', { rules: rule })]);
    expect(evaluator.evaluateFlag('ci', 'u', { name: 'Ada' }).reason).toBe('TARGETING_MATCH');
    expect(evaluator.evaluateFlag('ci', 'u', { name: 'A d a' }).reason).toBe('DEFAULT');
  });

  it('evaluates a catastrophic-backtracking regex against a 4,096-character attribute at once', () => {
    const rule = [{ id: 'r', conditions: [{ attribute: 'email', operator: 'regex' as const, values: ['(.*a){12}$'] }], weights: [{ variant: 'on', weight: 10000 }] }];
    const evaluator = compile([boolFlag('redos', { rules: rule })]);
    expect(evaluator.evaluateFlag('redos', 'u', { email: 'a'.repeat(4095) + '!' }).reason).toBe('DEFAULT');
  });

  it('does not let a broken flag affect the others', () => {
    const evaluator = compileRaw([
      { ...FlagSchemaDefaults, key: 'broken', valueType: 'string' },
      { ...FlagSchemaDefaults, key: 'fine' },
    ]);
    expect(evaluator.evaluate('u').map((r) => r.reason)).toEqual(['ERROR', 'TARGETING_MATCH']);
  });

  it('does not throw on attributes of any shape', () => {
    const evaluator = compile([boolFlag('f', { rules: [{ id: 'r', conditions: [{ attribute: 'n', operator: 'gt', values: [1] }], weights: [{ variant: 'on', weight: 10000 }] }] })]);
    for (const value of [undefined, null, NaN, Infinity, {}, [], () => 1, Symbol('s'), 10n]) {
      expect(evaluator.evaluateFlag('f', 'u', { n: value }).reason).toBe(value === Infinity ? 'TARGETING_MATCH' : 'DEFAULT');
    }
  });
});

const FlagSchemaDefaults = {
  description: '', valueType: 'boolean', variants: [{ key: 'on', value: true }, { key: 'off', value: false }], offVariant: 'off', enabled: true,
  salt: 's', prerequisites: [], overrides: {}, rules: [{ id: 'all', description: '', conditions: [], rollout: 100, weights: [{ variant: 'on', weight: 10000 }] }],
};

describe('compileRuleset with loosely typed JavaScript callers', () => {
  it('treats null attributes as none and a numeric unit as its string form', () => {
    const evaluator = compile([boolFlag('f', { rules: [{ id: 'half', rollout: 50, weights: [{ variant: 'on', weight: 10000 }] }] })]);
    expect(evaluator.evaluateFlag('f', 'u', null).flagKey).toBe('f');
    expect(evaluator.evaluateFlag('f', 12345 as unknown as string)).toBe(evaluator.evaluateFlag('f', '12345'));
  });
});
