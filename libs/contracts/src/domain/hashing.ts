import { z } from 'zod';

/**
 * How a flag's plain rules bucket units. `xp` is this platform's own; the others reproduce a peer's
 * assignment exactly, so that an imported rollout or split keeps every user where they were:
 * - `unleash`: unleash-client's murmur3 of `<groupId>:<unit>` (seed 0, 1..100) for rollouts and seed 86028157
 *   (1..1000) for variants; rollouts are whole percentages and weights multiples of 10 basis points (0.1 %).
 * - `growthbook-v1` / `growthbook-v2`: @growthbook/growthbook's FNV-1a 32 hashes (hashVersion 1 and 2); one
 *   hash decides rollout and variant, as GrowthBook's coverage and bucket ranges do.
 * Experiment rules, layers and holdouts always hash the `xp` way.
 */
export const HASHING_MODES = ['xp', 'unleash', 'growthbook-v1', 'growthbook-v2'] as const;
export const HashingSchema = z.enum(HASHING_MODES);
export type Hashing = z.infer<typeof HashingSchema>;
