import { authConfigFrom, DEVELOPMENT_API_KEYS, parseApiKeys } from './parse-api-keys';

describe('parseApiKeys', () => {
  it('keeps colons inside a key and trims spaces around entries', () => {
    expect(parseApiKeys(' admin:a:b:c , sdk:s1,')).toEqual({
      ok: true,
      keys: [
        { id: 'admin-1', role: 'admin', key: 'a:b:c' },
        { id: 'sdk-1', role: 'sdk', key: 's1' },
      ],
    });
  });

  it('reports an entry without a colon as an unknown role, by position', () => {
    expect(parseApiKeys('admin:a,justakey')).toEqual({
      ok: false,
      problems: ['entry 2: unknown role (expected role:key with role admin, reader or sdk)'],
    });
  });

  it('rejects a value with no pairs at all', () => {
    expect(parseApiKeys(' , ')).toEqual({ ok: false, problems: ['expected at least one role:key pair'] });
  });

  it('rejects the same key under two roles', () => {
    expect(parseApiKeys('admin:k,reader:k')).toEqual({ ok: false, problems: ['entry 2: duplicate key (same as entry 1)'] });
  });
});

describe('authConfigFrom', () => {
  it('falls back to the development keys only when none are configured', () => {
    const development = authConfigFrom(undefined);
    expect(development.developmentKeys).toBe(true);
    expect(development.keys.map((k) => `${k.role}:${k.key}`).join(',')).toBe(DEVELOPMENT_API_KEYS);
    expect(authConfigFrom([{ id: 'sdk-1', role: 'sdk', key: 'x' }])).toEqual({
      keys: [{ id: 'sdk-1', role: 'sdk', key: 'x' }],
      developmentKeys: false,
    });
  });
});
