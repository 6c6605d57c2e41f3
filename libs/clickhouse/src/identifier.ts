import { z } from 'zod';
import { InvalidIdentifierError } from './clickhouse-error';

// Table and database names cannot be query parameters in every position (INSERT INTO, CREATE
// DATABASE), so the only names ever pasted into SQL are plain identifiers of this shape.
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

export const identifierSchema = z.string().regex(IDENTIFIER, 'must match [A-Za-z_][A-Za-z0-9_]{0,127}');

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** Returns the name unchanged when it is a plain identifier; throws InvalidIdentifierError otherwise. */
export function assertIdentifier(name: string): string {
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) throw new InvalidIdentifierError(String(name));
  return name;
}
