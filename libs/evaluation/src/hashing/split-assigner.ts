import { BUCKET_COUNT, Hashing } from '@xp/contracts';
import { EvaluationResult } from '../evaluation-result';
import { bucketWithPrefix, saltPrefix } from './bucket';
import { fnv1a32, growthbookHashV1, growthbookHashV2 } from './fnv1a';
import { murmur3CodeUnits } from './murmur3-code-units';

/** Serves a variant to a unit inside the rule's rollout, or null (the unit falls through to the next rule). */
export type SplitAssigner = (unitId: string) => EvaluationResult | null;

export interface SplitSpec {
  readonly hashing: Hashing;
  /** Rollout salt (Unleash groupId, GrowthBook seed). */
  readonly salt: string;
  /** Variant salt, used as is. */
  readonly variantSalt: string;
  /** Rollout in buckets (percentage * 100). */
  readonly threshold: number;
  /** Positive weights in basis points, summing to BUCKET_COUNT, and the result of each. */
  readonly weights: readonly number[];
  readonly results: readonly EvaluationResult[];
}

/** unleash-client's seeds: strategies hash with 0 (normalised 1..100), variants with 86028157 (1..total weight). */
const UNLEASH_VARIANT_SEED = 86028157;
const UNLEASH_WEIGHT_TOTAL = 1000;

export function createSplitAssigner(spec: SplitSpec): SplitAssigner {
  switch (spec.hashing) {
    case 'xp':
      return xpAssigner(spec);
    case 'unleash':
      return unleashAssigner(spec);
    case 'growthbook-v1':
    case 'growthbook-v2':
      return growthbookAssigner(spec);
  }
}

function cumulativeEnds(weights: readonly number[]): Int32Array {
  const ends = new Int32Array(weights.length);
  let end = 0;
  weights.forEach((w, i) => (ends[i] = end += w));
  return ends;
}

/** Rollout and variant from two independent murmur3 buckets, so a unit keeps its variant as the rollout grows. */
function xpAssigner({ salt, variantSalt, threshold, weights, results }: SplitSpec): SplitAssigner {
  const rolloutPrefix = saltPrefix(salt);
  const variantPrefix = saltPrefix(variantSalt);
  const ends = cumulativeEnds(weights);
  const last = ends.length - 1;
  return (unitId) => {
    if (threshold < BUCKET_COUNT && bucketWithPrefix(rolloutPrefix, unitId) >= threshold) return null;
    if (last === 0) return results[0];
    const bucket = bucketWithPrefix(variantPrefix, unitId);
    for (let i = 0; i < last; i++) if (bucket < ends[i]) return results[i];
    return results[last];
  };
}

/**
 * unleash-client: in the rollout iff `murmur("<groupId>:<unit>", 0) % 100 + 1 <= rollout`; variant = the first
 * whose running total of weights (out of 1000) reaches `murmur("<groupId>:<unit>", 86028157) % 1000 + 1`.
 * Both are scaled to buckets (x100, x10) so the comparisons with whole percentages and tenths are exact.
 */
function unleashAssigner({ salt, variantSalt, threshold, weights, results }: SplitSpec): SplitAssigner {
  const rolloutKey = `${salt}:`;
  const variantKey = `${variantSalt}:`;
  const ends = cumulativeEnds(weights);
  const last = ends.length - 1;
  const scale = BUCKET_COUNT / UNLEASH_WEIGHT_TOTAL;
  return (unitId) => {
    if (threshold < BUCKET_COUNT && (murmur3CodeUnits(rolloutKey + unitId, 0) % 100) * 100 >= threshold) return null;
    if (last === 0) return results[0];
    const bucket = (murmur3CodeUnits(variantKey + unitId, UNLEASH_VARIANT_SEED) % UNLEASH_WEIGHT_TOTAL) * scale;
    for (let i = 0; i < last; i++) if (bucket < ends[i]) return results[i];
    return results[last];
  };
}

/**
 * @growthbook/growthbook: one hash n in [0, 1) per unit. A single-variant rule is a force rule with coverage c:
 * in iff c > 0 and n <= c. Several variants are an experiment: bucket ranges [start, start + c * weight) laid out
 * as getBucketRanges does, in the same floating-point arithmetic; a unit in no range falls through.
 */
function growthbookAssigner({ hashing, salt, threshold, weights, results }: SplitSpec): SplitAssigner {
  const seedState = fnv1a32(salt);
  const hash = hashing === 'growthbook-v2' ? (unitId: string) => growthbookHashV2(seedState, unitId) : (unitId: string) => growthbookHashV1(salt, unitId);
  const coverage = threshold / BUCKET_COUNT;
  if (weights.length === 1) {
    const result = results[0];
    return (unitId) => (coverage > 0 && hash(unitId) <= coverage ? result : null);
  }
  const starts = new Float64Array(weights.length);
  const ends = new Float64Array(weights.length);
  let cumulative = 0;
  weights.forEach((bp, i) => {
    const w = bp / BUCKET_COUNT;
    starts[i] = cumulative;
    cumulative += w;
    ends[i] = starts[i] + coverage * w;
  });
  return (unitId) => {
    const n = hash(unitId);
    for (let i = 0; i < starts.length; i++) if (n >= starts[i] && n < ends[i]) return results[i];
    return null;
  };
}
