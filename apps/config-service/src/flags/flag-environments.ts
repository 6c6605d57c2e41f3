import {
  DEFAULT_ENVIRONMENT,
  FLAG_ENVIRONMENT_FIELDS,
  flagEnvironmentsOf,
  flagForEnvironment,
  FlagSchema,
  readFlagState,
  StoredFlagSchema,
  type FlagEnvironment,
  type StoredFlag,
} from '@xp/contracts';
import { InvalidInputError } from '@xp/platform';

/**
 * How a flag write reads (docs/architecture.md, "Environments"): the body's `environments`, when
 * present, replace every environment's part; the flat fields (`enabled`, `rules`, `overrides`), when
 * present, are the part of the environment written to (`?environment=`, else production). A body with
 * neither is a flat flag with that environment's part off. Environments a body does not name keep
 * their part, so a flat write to staging never touches production.
 */
export function flagStateFromInput(input: Record<string, unknown>, current: Record<string, unknown> | undefined, environment: string | undefined): StoredFlag {
  requireSameEnvironment(input, environment);
  const target = environment ?? bodyEnvironment(input) ?? DEFAULT_ENVIRONMENT;
  const { environments: given, environment: _echoed, ...flat } = input;
  const hasFlatPart = FLAG_ENVIRONMENT_FIELDS.some((field) => field in flat) || given === undefined;
  // The flat view is checked as the flag that environment serves, so its errors name the body's own paths.
  const flag = FlagSchema.parse(flat);
  const parts: Record<string, unknown> =
    given !== undefined ? { ...(given as Record<string, unknown>) } : { ...(current ? flagEnvironmentsOf(current) : {}) };
  if (hasFlatPart) parts[target] = { enabled: flag.enabled, rules: flag.rules, overrides: flag.overrides } satisfies FlagEnvironment;
  const { enabled: _e, rules: _r, overrides: _o, ...shared } = flag;
  return StoredFlagSchema.parse({ ...shared, environments: parts });
}

/** A flag as one environment serves it, with every environment's part beside it (what GET answers). */
export function presentFlag(state: Record<string, unknown>, environment: string | undefined): Record<string, unknown> {
  const stored = readFlagState(state);
  const target = environment ?? DEFAULT_ENVIRONMENT;
  return { ...flagForEnvironment(stored, target), environment: target, environments: stored.environments };
}

/** A GET echoes `environment`: a body sent back names the environment it was read in. */
function bodyEnvironment(input: Record<string, unknown>): string | undefined {
  const { environment } = input;
  if (environment === undefined) return undefined;
  if (typeof environment !== 'string') {
    throw new InvalidInputError('invalid_environment', 'environment must be a string', { details: { issues: [{ path: 'environment', message: 'must be a string' }] } });
  }
  return environment;
}

/** Refuses a body naming one environment while the query names another. */
function requireSameEnvironment(input: Record<string, unknown>, environment: string | undefined): void {
  const named = bodyEnvironment(input);
  if (environment !== undefined && named !== undefined && named !== environment) {
    throw new InvalidInputError('environment_mismatch', `The body's environment '${named}' differs from ?environment=${environment}`, {
      details: { issues: [{ path: 'environment', message: `must equal the query's environment '${environment}'` }] },
    });
  }
}
