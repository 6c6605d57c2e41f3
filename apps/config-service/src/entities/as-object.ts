import { InvalidInputError } from '@xp/platform';

/** Request bodies must be JSON objects; anything else is a 400 before any schema runs. */
export function asObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidInputError('invalid_body', 'The request body must be a JSON object', {
      details: { issues: [{ path: '', message: 'expected an object' }] },
    });
  }
  return body as Record<string, unknown>;
}
