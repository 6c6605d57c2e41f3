import { ApiError, errorsUnder, fieldErrors } from './api-error';

describe('fieldErrors', () => {
  it('keys the 400 issues by dotted path and joins two messages on one field', () => {
    const error = new ApiError(400, 'validation_failed', 'bad', {
      issues: [
        { path: ['variants', 1, 'value'], message: 'must be a number' },
        { path: ['key'], message: 'too short' },
        { path: ['key'], message: 'must be a slug' },
      ],
    });
    expect(fieldErrors(error)).toEqual({ 'variants.1.value': 'must be a number', key: 'too short; must be a slug' });
    expect(errorsUnder(fieldErrors(error), 'variants')).toEqual({ '1.value': 'must be a number' });
  });

  it('has no field errors for anything else', () => {
    expect(fieldErrors(new Error('x'))).toEqual({});
    expect(fieldErrors(new ApiError(409, 'stale_version', 'x'))).toEqual({});
  });
});
