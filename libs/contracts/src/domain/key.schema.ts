import { z } from 'zod';

/** Lower-case slug used for every domain key (flags, variants, segments, metrics, experiments, layers). */
export const KEY_PATTERN = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/;

export const KeySchema = z
  .string()
  .min(1)
  .max(100)
  .regex(KEY_PATTERN, 'must be a lower-case slug: letters, digits, and single - _ . between them');
export type Key = z.infer<typeof KeySchema>;

/** Percentage 0-100 in steps of 0.01 (stored as a number; checked to be a whole number of basis points). */
export const PercentageSchema = z
  .number()
  .min(0)
  .max(100)
  .refine((p) => Math.abs(p * 100 - Math.round(p * 100)) < 1e-9, 'must be a multiple of 0.01');

/** Number of buckets every hash is reduced to; weights and layer ranges are expressed in these units. */
export const BUCKET_COUNT = 10_000;

/** Weight in basis points (1 = 0.01 %). A set of weights sums to exactly BUCKET_COUNT (100 %). */
export const WeightSchema = z.number().int().min(0).max(BUCKET_COUNT);
