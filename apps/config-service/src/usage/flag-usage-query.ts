import { EnvironmentKeySchema } from '@xp/contracts';
import { z } from 'zod';

// Strict: a parameter this route does not read is a 400 naming it.
const flagUsageQuerySchema = z.strictObject({
  environment: EnvironmentKeySchema.optional(),
  staleAfterDays: z
    .string()
    .regex(/^\d{1,5}$/, 'must be a whole number of days')
    .transform(Number)
    .pipe(z.number().int().min(1).max(36_500))
    .optional(),
});

export interface FlagUsageQuery {
  environment?: string;
  /** Given: only the stale flags are listed. */
  staleAfterDays?: number;
}

/** `GET /v1/flag-usage?environment=<env>&staleAfterDays=<N>`; a bad value is a ZodError (400 naming the parameter). */
export function parseFlagUsageQuery(query: unknown): FlagUsageQuery {
  const { environment, staleAfterDays } = flagUsageQuerySchema.parse(query ?? {});
  return { ...(environment === undefined ? {} : { environment }), ...(staleAfterDays === undefined ? {} : { staleAfterDays }) };
}
