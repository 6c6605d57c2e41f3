import { DEFAULT_ENVIRONMENT, EnvironmentKeySchema } from '@xp/contracts';
import { environmentOf, InvalidInputError, type CallerIdentity } from '@xp/platform';

/**
 * The environment a request evaluates or reads in: its key's own when the key is scoped (403 when the
 * request names another), else the body's, else `?environment=`, else production.
 */
export function environmentOfRequest(caller: CallerIdentity | undefined, query: unknown, fromBody?: string): string {
  const raw = typeof query === 'object' && query !== null ? (query as Record<string, unknown>).environment : undefined;
  let fromQuery: string | undefined;
  if (raw !== undefined) {
    const parsed = EnvironmentKeySchema.safeParse(raw);
    if (!parsed.success) {
      throw new InvalidInputError('invalid_environment', `?environment= ${parsed.error.issues[0].message}`, {
        details: { issues: [{ path: 'environment', message: parsed.error.issues[0].message }] },
      });
    }
    fromQuery = parsed.data;
  }
  if (fromBody !== undefined && fromQuery !== undefined && fromBody !== fromQuery) {
    throw new InvalidInputError('environment_mismatch', `The body's environment '${fromBody}' differs from ?environment=${fromQuery}`, {
      details: { issues: [{ path: 'environment', message: `must equal the query's environment '${fromQuery}'` }] },
    });
  }
  return environmentOf(caller, fromBody ?? fromQuery, DEFAULT_ENVIRONMENT);
}
