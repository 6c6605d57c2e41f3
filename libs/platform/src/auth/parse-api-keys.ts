import { isApiRole, type ApiRole } from './api-role';

/** One configured key. `id` is safe to log and to record as the actor; `key` never is. */
export interface ApiKeyEntry {
  id: string;
  role: ApiRole;
  key: string;
}

export interface AuthConfig {
  keys: readonly ApiKeyEntry[];
  /** True when API_KEYS was unset and the well-known local development keys are in use. */
  developmentKeys: boolean;
}

/** Used when API_KEYS is unset: fine on a laptop, never in a shared environment. */
export const DEVELOPMENT_API_KEYS = 'admin:dev-admin-key,reader:dev-reader-key,sdk:dev-sdk-key';

export type ParsedApiKeys = { ok: true; keys: ApiKeyEntry[] } | { ok: false; problems: string[] };

/**
 * Parses `role:key,role:key`. Problems name entries by position, never by value, because
 * they end up in a start-up error message and the value is a secret.
 */
export function parseApiKeys(value: string): ParsedApiKeys {
  const entries = value.split(',').map((e) => e.trim()).filter((e) => e.length > 0);
  const problems: string[] = [];
  const keys: ApiKeyEntry[] = [];
  const seen = new Map<string, number>();
  const perRole = new Map<ApiRole, number>();
  entries.forEach((entry, index) => {
    const n = index + 1;
    const colon = entry.indexOf(':');
    const role = colon < 0 ? entry : entry.slice(0, colon).trim();
    const key = colon < 0 ? '' : entry.slice(colon + 1).trim();
    if (!isApiRole(role)) {
      problems.push(`entry ${n}: unknown role (expected role:key with role admin, reader or sdk)`);
      return;
    }
    if (key.length === 0) {
      problems.push(`entry ${n}: empty key for role ${role}`);
      return;
    }
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(`entry ${n}: duplicate key (same as entry ${first})`);
      return;
    }
    seen.set(key, n);
    const ordinal = (perRole.get(role) ?? 0) + 1;
    perRole.set(role, ordinal);
    keys.push({ id: `${role}-${ordinal}`, role, key });
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
