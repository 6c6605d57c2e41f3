import { ApiKeyRegistry } from './api-key-registry';

describe('ApiKeyRegistry', () => {
  const registry = new ApiKeyRegistry([
    { id: 'admin-1', role: 'admin', key: 'alpha' },
    { id: 'reader-1', role: 'reader', key: 'beta-longer-key' },
  ]);

  it('identifies a configured key by role and id', () => {
    expect(registry.identify('beta-longer-key')).toEqual({ role: 'reader', keyId: 'reader-1' });
    expect(registry.identify('alpha')).toEqual({ role: 'admin', keyId: 'admin-1' });
  });

  it('does not match prefixes, extensions or case variants of a key', () => {
    expect(registry.identify('alph')).toBeUndefined();
    expect(registry.identify('alphaa')).toBeUndefined();
    expect(registry.identify('ALPHA')).toBeUndefined();
    expect(registry.identify('')).toBeUndefined();
  });
});
