import { z } from 'zod';
import { parseAt } from './parse-at';

// Strict: a parameter these routes do not read is a 400 naming it, never silently ignored.
const listQuerySchema = z.strictObject({
  includeArchived: z.enum(['true', 'false']).optional(),
  at: z.string().optional(),
});
const getQuerySchema = z.strictObject({ at: z.string().optional() });

/** `GET /v1/<entities>`: `?includeArchived=true|false` and `?at=<ISO time>` (the list as it was then). */
export function parseListQuery(query: unknown): { includeArchived: boolean; at: Date | undefined } {
  const { includeArchived, at } = listQuerySchema.parse(query ?? {});
  return { includeArchived: includeArchived === 'true', at: parseAt(at) };
}

/** `GET /v1/<entities>/:key`: `?at=<ISO time>` only. */
export function parseGetQuery(query: unknown): { at: Date | undefined } {
  return { at: parseAt(getQuerySchema.parse(query ?? {}).at) };
}
