export const FNV_OFFSET = 0x811c9dc5;

/**
 * FNV-1a 32-bit over UTF-16 code units, continuing from `state` (FNV_OFFSET to start), exactly as
 * @growthbook/growthbook's `hashFnv32a` (which hashes `charCodeAt`, not UTF-8 bytes).
 */
export function fnv1a32(s: string, state = FNV_OFFSET): number {
  let h = state;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h += (h << 1) + (h << 4) + (h << 7) + (h << 8) + (h << 24);
  }
  return h >>> 0;
}

/** GrowthBook hashVersion 2, `hash(seed, value, 2)`: fnv(String(fnv(seed + value))) % 10000 / 10000; `seedState` = fnv1a32(seed). */
export function growthbookHashV2(seedState: number, value: string): number {
  return (fnv1a32(String(fnv1a32(value, seedState))) % 10000) / 10000;
}

/** GrowthBook hashVersion 1, `hash(seed, value, 1)`: fnv(value + seed) % 1000 / 1000. */
export function growthbookHashV1(seed: string, value: string): number {
  return (fnv1a32(seed, fnv1a32(value)) % 1000) / 1000;
}
