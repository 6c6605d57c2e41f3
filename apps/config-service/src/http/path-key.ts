import { KeySchema } from '@xp/contracts';
import { InvalidInputError } from '@xp/platform';

/** Keys in paths follow the same slug rule as in bodies; anything else (quotes, SQL, spaces) is a 400. */
export function parsePathKey(key: string): string {
  const parsed = KeySchema.safeParse(key);
  if (!parsed.success) {
    throw new InvalidInputError('invalid_key', `Invalid key ${JSON.stringify(key.slice(0, 120))}: ${parsed.error.issues[0].message}`, {
      details: { issues: [{ path: 'key', message: parsed.error.issues[0].message }] },
    });
  }
  return parsed.data;
}
