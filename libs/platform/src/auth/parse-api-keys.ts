import { isApiRole, type ApiRole } from './api-role';

/** One configured key. `id` (its name) is safe to log and to record as the actor; `key` never is. */
export interface ApiKeyEntry {
  id: string;
  role: ApiRole;
  key: string;
  /** The one environment the key may evaluate in and read (`name@environment`); unset: any, chosen per request. */
  environment?: string;
}

export interface AuthConfig {
  keys: readonly ApiKeyEntry[];
  /** True when API_KEYS was unset and the well-known local development keys are in use. */
  developmentKeys: boolean;
}

/** Used when API_KEYS is unset: fine on a laptop, never in a shared environment. */
export const DEVELOPMENT_API_KEYS =
  'admin:dev-admin:dev-admin-key,reader:dev-reader:dev-reader-key,sdk:dev-sdk:dev-sdk-key,' +
  'sdk:dev-sdk-development@development:dev-sdk-development-key,sdk:dev-sdk-staging@staging:dev-sdk-staging-key';

export type ParsedApiKeys = { ok: true; keys: ApiKeyEntry[] } | { ok: false; problems: string[] };

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** As EnvironmentKeySchema (libs/contracts): a lower-case slug without dots, at most 64 characters. */
const ENVIRONMENT = /^(?=.{1,64}$)[a-z0-9]+(?:[-_][a-z0-9]+)*$/;
const USAGE = 'expected role:key or role:name:key (name@environment scopes the key), role admin, reader or sdk';

/**
 * Parses comma-separated entries `role:key` (named `role-N`, N counting per role) or `role:name:key`,
 * where the name may end in `@environment` to scope the key to that environment (`sdk:web@staging:k`).
 * A key may contain colons only in the three-part form. Problems name entries by position, never by
 * value, because they end up in a start-up error message and the value is a secret.
 */
export function parseApiKeys(value: string): ParsedApiKeys {
  const entries = value.split(',').map((e) => e.trim()).filter((e) => e.length > 0);
  const problems: string[] = [];
  const keys: ApiKeyEntry[] = [];
  const seenKeys = new Map<string, number>();
  const seenNames = new Map<string, number>();
  const perRole = new Map<ApiRole, number>();
  entries.forEach((entry, index) => {
    const n = index + 1;
    const parts = entry.split(':').map((p) => p.trim());
    const role = parts[0];
    if (!isApiRole(role) || parts.length < 2) {
      problems.push(`entry ${n}: unknown role (${USAGE})`);
      return;
    }
    const ordinal = (perRole.get(role) ?? 0) + 1;
    perRole.set(role, ordinal);
    const named = parts.length >= 3;
    const label = named ? parts[1] : `${role}-${ordinal}`;
    const key = (named ? parts.slice(2) : parts.slice(1)).join(':');
    const [name, environment, ...extra] = label.split('@');
    if (!NAME.test(name) || extra.length > 0) {
      problems.push(`entry ${n}: the name must be 1-100 letters, digits, '.', '_' or '-' (${USAGE})`);
      return;
    }
    if (environment !== undefined && !ENVIRONMENT.test(environment)) {
      problems.push(`entry ${n}: the environment after '@' must be a lower-case key`);
      return;
    }
    if (key.length === 0) {
      problems.push(`entry ${n}: empty key for role ${role}`);
      return;
    }
    const firstKey = seenKeys.get(key);
    if (firstKey !== undefined) {
      problems.push(`entry ${n}: duplicate key (same as entry ${firstKey})`);
      return;
    }
    const firstName = seenNames.get(name);
    if (firstName !== undefined) {
      problems.push(`entry ${n}: duplicate name (same as entry ${firstName}); names are the actors of the audit log`);
      return;
    }
    seenKeys.set(key, n);
    seenNames.set(name, n);
    keys.push(environment === undefined ? { id: name, role, key } : { id: name, role, key, environment });
  });
  if (entries.length === 0) problems.push('expected at least one role:key pair');
  return problems.length > 0 ? { ok: false, problems } : { ok: true, keys };
}

/** The auth slice of every service: the configured keys, or the development keys when unset. */
export function authConfigFrom(keys: readonly ApiKeyEntry[] | undefined): AuthConfig {
  if (keys !== undefined) return { keys, developmentKeys: false };
  const parsed = parseApiKeys(DEVELOPMENT_API_KEYS);
  if (!parsed.ok) throw new Error('DEVELOPMENT_API_KEYS is malformed');
  return { keys: parsed.keys, developmentKeys: true };
}
