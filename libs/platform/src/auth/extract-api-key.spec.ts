import { extractApiKey } from './extract-api-key';

describe('extractApiKey', () => {
  it('reads a bearer token, whatever the scheme case', () => {
    expect(extractApiKey({ authorization: 'Bearer k1' })).toBe('k1');
    expect(extractApiKey({ authorization: 'bearer  k2 ' })).toBe('k2');
  });

  it('falls back to x-api-key when Authorization is not a bearer token', () => {
    expect(extractApiKey({ authorization: 'Basic dTpw', 'x-api-key': ' k3 ' })).toBe('k3');
    expect(extractApiKey({ 'x-api-key': ['k4', 'k5'] })).toBe('k4');
  });

  it('finds nothing in empty or missing headers', () => {
    expect(extractApiKey({})).toBeUndefined();
    expect(extractApiKey({ authorization: 'Bearer ', 'x-api-key': '  ' })).toBeUndefined();
  });
});
