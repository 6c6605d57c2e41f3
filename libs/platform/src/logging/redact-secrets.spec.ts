import { isSecretField, REDACTED, redactSecrets } from './redact-secrets';

describe('redactSecrets', () => {
  it('redacts authorization, x-api-key, *key* and password fields at any depth', () => {
    const input = {
      headers: { authorization: 'Bearer abc', 'x-api-key': 'k1', accept: 'application/json' },
      body: { user: { password: 'hunter2', name: 'ann' }, apiKey: 'k2', privateKey: 'k3' },
      list: [{ clientSecret: 's' }],
    };
    expect(redactSecrets(input)).toEqual({
      headers: { authorization: REDACTED, 'x-api-key': REDACTED, accept: 'application/json' },
      body: { user: { password: REDACTED, name: 'ann' }, apiKey: REDACTED, privateKey: REDACTED },
      list: [{ clientSecret: REDACTED }],
    });
  });

  it('keeps domain identifiers that are called key', () => {
    expect(redactSecrets({ key: 'checkout', flagKey: 'checkout', experiment_key: 'exp-1' })).toEqual({
      key: 'checkout',
      flagKey: 'checkout',
      experiment_key: 'exp-1',
    });
  });

  it('does not mutate its input', () => {
    const input = { password: 'p' };
    redactSecrets(input);
    expect(input.password).toBe('p');
  });

  it('leaves class instances such as errors untouched', () => {
    const error = new Error('boom');
    expect(redactSecrets({ err: error }).err).toBe(error);
  });

  it('classifies field names', () => {
    expect(isSecretField('Authorization')).toBe(true);
    expect(isSecretField('X-API-KEY')).toBe(true);
    expect(isSecretField('accessToken')).toBe(true);
    expect(isSecretField('signingKey')).toBe(true);
    expect(isSecretField('unitId')).toBe(false);
  });
});
