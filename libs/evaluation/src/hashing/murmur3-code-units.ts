const imul = Math.imul;
const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/**
 * MurmurHash3 x86 32-bit over the low byte of each UTF-16 code unit, which is what the `murmurhash3js` package
 * (used by unleash-client for rollouts and variants) hashes: the same as UTF-8 murmur3 for ASCII, different
 * beyond it. Reproduced as is so that `hashing: "unleash"` gives Unleash's answer for every unit id.
 */
export function murmur3CodeUnits(s: string, seed: number): number {
  let h = seed | 0;
  const length = s.length;
  const blocks = length & ~3;
  let i = 0;
  for (; i < blocks; i += 4) {
    let k = (s.charCodeAt(i) & 0xff) | ((s.charCodeAt(i + 1) & 0xff) << 8) | ((s.charCodeAt(i + 2) & 0xff) << 16) | ((s.charCodeAt(i + 3) & 0xff) << 24);
    k = imul(k, C1);
    k = (k << 15) | (k >>> 17);
    h ^= imul(k, C2);
    h = (h << 13) | (h >>> 19);
    h = (imul(h, 5) + 0xe6546b64) | 0;
  }
  const rest = length & 3;
  if (rest > 0) {
    let k = s.charCodeAt(i) & 0xff;
    if (rest > 1) k |= (s.charCodeAt(i + 1) & 0xff) << 8;
    if (rest > 2) k |= (s.charCodeAt(i + 2) & 0xff) << 16;
    k = imul(k, C1);
    k = (k << 15) | (k >>> 17);
    h ^= imul(k, C2);
  }
  h ^= length;
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
