import { authConfigFrom, DEVELOPMENT_API_KEYS, parseApiKeys } from './parse-api-keys';

describe('parseApiKeys', () => {
  it('names two-part keys role-N and trims spaces around entries', () => {
    expect(parseApiKeys(' admin:a , sdk:s1,sdk:s2')).toEqual({
      ok: true,
      keys: [
        { id: 'admin-1', role: 'admin', key: 'a' },
        { id: 'sdk-1', role: 'sdk', key: 's1' },
        { id: 'sdk-2', role: 'sdk', key: 's2' },
      ],
    });
  });

  it('reads role:name:key, keeps colons inside the key, and scopes name@environment', () => {
    expect(parseApiKeys('admin:alice:a:b:c,sdk:web@staging:s1')).toEqual({
      ok: true,
      keys: [
        { id: 'alice', role: 'admin', key: 'a:b:c' },
        { id: 'web', role: 'sdk', key: 's1', environment: 'staging' },
      ],
    });
  });

  it('reports an entry without a colon as an unknown role, by position', () => {
    expect(parseApiKeys('admin:a,justakey')).toEqual({
      ok: false,
      problems: ['entry 2: unknown role (expected role:key or role:name:key (name@environment scopes the key), role admin, reader or sdk)'],
    });
  });

  it('refuses a malformed name or environment, and a name used twice', () => {
    const parsed = parseApiKeys('admin:bad name:k1,sdk:web@Staging:k2,sdk:ci:k3,reader:ci:k4');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems).toEqual([
      expect.stringMatching(/^entry 1: the name must be/),
      "entry 2: the environment after '@' must be a lower-case key",
      'entry 4: duplicate name (same as entry 3); names are the actors of the audit log',
    ]);
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
    expect(development.keys.map((k) => `${k.role}:${k.id}${k.environment ? `@${k.environment}` : ''}:${k.key}`).join(',')).toBe(DEVELOPMENT_API_KEYS);
    expect(development.keys.find((k) => k.key === 'dev-admin-key')).toEqual({ id: 'dev-admin', role: 'admin', key: 'dev-admin-key' });
    expect(authConfigFrom([{ id: 'sdk-1', role: 'sdk', key: 'x' }])).toEqual({
      keys: [{ id: 'sdk-1', role: 'sdk', key: 'x' }],
      developmentKeys: false,
    });
  });
});
