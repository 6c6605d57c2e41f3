import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiRole } from './api-role';
import type { ApiKeyEntry } from './parse-api-keys';

/** Who called: safe to log and to store as the actor of a change. */
export interface CallerIdentity {
  role: ApiRole;
  keyId: string;
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Looks up presented keys in constant time (per configured key), so timing reveals no prefix. */
export class ApiKeyRegistry {
  private readonly entries: ReadonlyArray<{ digest: Buffer; identity: CallerIdentity }>;

  constructor(keys: readonly ApiKeyEntry[]) {
    this.entries = keys.map((k) => ({ digest: digest(k.key), identity: { role: k.role, keyId: k.id } }));
  }

  identify(presented: string): CallerIdentity | undefined {
    // Comparing equal-length digests keeps timingSafeEqual applicable whatever the key lengths;
    // every entry is compared (no early exit) so the position of a match is not observable either.
    const candidate = digest(presented);
    let found: CallerIdentity | undefined;
    for (const entry of this.entries) {
      if (timingSafeEqual(entry.digest, candidate) && found === undefined) found = entry.identity;
    }
    return found;
  }
}
