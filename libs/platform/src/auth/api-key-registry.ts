import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiRole } from './api-role';
import type { ApiKeyEntry } from './parse-api-keys';

/** Who called: safe to log and to store as the actor of a change. */
export interface CallerIdentity {
  role: ApiRole;
  /** The key's name (`role:name:key`): the actor of the changes it makes. */
  keyId: string;
  /** Set for a key scoped to one environment: it evaluates and reads only there. */
  environment?: string;
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * Looks up presented keys by their SHA-256 digest: one hash and one map lookup per request whatever
 * the number of keys (this guard runs on every request of the hot evaluate path). The map is keyed by
 * the digest, never by the key, so lookup timing says nothing about a key's prefix; the matched entry
 * is still confirmed with a constant-time comparison.
 */
export class ApiKeyRegistry {
  private readonly byDigest = new Map<string, { digest: Buffer; identity: CallerIdentity }>();

  constructor(keys: readonly ApiKeyEntry[]) {
    for (const k of keys) {
      const d = digest(k.key);
      this.byDigest.set(d.toString('base64'), { digest: d, identity: k.environment === undefined ? { role: k.role, keyId: k.id } : { role: k.role, keyId: k.id, environment: k.environment } });
    }
  }

  identify(presented: string): CallerIdentity | undefined {
    const candidate = digest(presented);
    const entry = this.byDigest.get(candidate.toString('base64'));
    return entry !== undefined && timingSafeEqual(entry.digest, candidate) ? entry.identity : undefined;
  }
}
