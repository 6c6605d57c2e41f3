import { EnvironmentKeySchema } from '@xp/contracts';
import { z } from 'zod';
import { parseAt } from './parse-at';

// Strict: a parameter these routes do not read is a 400 naming it, never silently ignored.
const listQuerySchema = z.strictObject({
  includeArchived: z.enum(['true', 'false']).optional(),
  at: z.string().optional(),
  environment: EnvironmentKeySchema.optional(),
});
const getQuerySchema = z.strictObject({ at: z.string().optional(), environment: EnvironmentKeySchema.optional() });
const writeQuerySchema = z.strictObject({ environment: EnvironmentKeySchema.optional() });

/**
 * `GET /v1/<entities>`: `?includeArchived=true|false`, `?at=<ISO time>` (the list as it was then) and
 * `?environment=` (flags as that environment serves them; experiments running there).
 */
export function parseListQuery(query: unknown): { includeArchived: boolean; at: Date | undefined; environment: string | undefined } {
  const { includeArchived, at, environment } = listQuerySchema.parse(query ?? {});
  return { includeArchived: includeArchived === 'true', at: parseAt(at), environment };
}

/** `GET /v1/<entities>/:key`: `?at=<ISO time>` and `?environment=`. */
export function parseGetQuery(query: unknown): { at: Date | undefined; environment: string | undefined } {
  const { at, environment } = getQuerySchema.parse(query ?? {});
  return { at: parseAt(at), environment };
}

/** Writes: `?environment=`, the environment a flag write applies to. */
export function parseWriteQuery(query: unknown): { environment: string | undefined } {
  return { environment: writeQuerySchema.parse(query ?? {}).environment };
}
