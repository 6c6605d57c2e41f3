import { ForbiddenException } from '@nestjs/common';
import { environmentOf, requestedEnvironment } from './caller-environment';

describe('environmentOf', () => {
  const unscoped = { role: 'sdk' as const, keyId: 'web' };
  const staging = { ...unscoped, environment: 'staging' };

  it('takes the requested environment for an unscoped key, else the fallback', () => {
    expect(environmentOf(unscoped, 'development', 'production')).toBe('development');
    expect(environmentOf(unscoped, undefined, 'production')).toBe('production');
    expect(environmentOf(undefined, undefined, 'production')).toBe('production');
  });

  it("keeps a scoped key in its environment and refuses another one with 403", () => {
    expect(environmentOf(staging, undefined, 'production')).toBe('staging');
    expect(environmentOf(staging, 'staging', 'production')).toBe('staging');
    expect(() => environmentOf(staging, 'production', 'production')).toThrow(ForbiddenException);
  });
});

describe('requestedEnvironment', () => {
  it('is undefined when neither the key nor the request names one', () => {
    expect(requestedEnvironment({ role: 'reader', keyId: 'r' }, undefined)).toBeUndefined();
    expect(requestedEnvironment({ role: 'reader', keyId: 'r', environment: 'staging' }, undefined)).toBe('staging');
  });
});
