import { BUCKET_COUNT } from '@xp/contracts';
import { createHashPrefix, HashPrefix, hashWithPrefix } from './murmur3';

/** Bucket 0..9999 of `<salt>:<unitId>`; a unit is inside a rollout of p % when its bucket < p * 100. */
export function bucketOf(salt: string, unitId: string): number {
  return hashWithPrefix(createHashPrefix(`${salt}:`), unitId) % BUCKET_COUNT;
}

/** Precomputed bucketer for one salt (the hot path absorbs `<salt>:` once). */
export function createBucketer(salt: string): (unitId: string) => number {
  const prefix: HashPrefix = createHashPrefix(`${salt}:`);
  return (unitId) => hashWithPrefix(prefix, unitId) % BUCKET_COUNT;
}

/** Variant choice uses a second, independent hash so it does not change as the rollout grows. */
export function variantSalt(salt: string): string {
  return `${salt}:variant`;
}

/** Rollout threshold in buckets; percentages are multiples of 0.01, so this is exact after rounding. */
export function rolloutThreshold(percentage: number): number {
  return Math.round(percentage * 100);
}
