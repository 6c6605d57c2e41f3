import { BUCKET_COUNT } from '@xp/contracts';
import { createHashPrefix, HashPrefix, hashWithPrefix } from './murmur3';

/** Hash state after `<salt>:`, absorbed once per salt at compile time. */
export function saltPrefix(salt: string): HashPrefix {
  return createHashPrefix(`${salt}:`);
}

/**
 * The one bucket formula of `xp` hashing: murmur3("<salt>:<unit>") mod BUCKET_COUNT, a bucket 0..9999. A unit is
 * inside a rollout of p % when its bucket < p * 100. Rules, layers and holdouts all bucket through here.
 */
export function bucketWithPrefix(prefix: HashPrefix, unitId: string): number {
  return hashWithPrefix(prefix, unitId) % BUCKET_COUNT;
}

export function bucketOf(salt: string, unitId: string): number {
  return bucketWithPrefix(saltPrefix(salt), unitId);
}

/** Variant choice uses a second, independent hash so it does not change as the rollout grows. */
export function variantSalt(salt: string): string {
  return `${salt}:variant`;
}

/** Rollout threshold in buckets; percentages are multiples of 0.01, so this is exact after rounding. */
export function rolloutThreshold(percentage: number): number {
  return Math.round(percentage * 100);
}
