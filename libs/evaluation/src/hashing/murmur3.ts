/**
 * MurmurHash3 x86 32-bit over the UTF-8 bytes of a JS string, computed without allocating: the string is
 * encoded on the fly (lone surrogates become U+FFFD, as TextEncoder does). Gives the same numbers as the
 * `murmurhash` package's `v3` and Python's `mmh3.hash(s.encode('utf-8'), 0, signed=False)`, but avoids the
 * TextEncoder buffer per call on the hot path. A fixed prefix (`<salt>:`) is absorbed once up front.
 */
export interface HashPrefix {
  readonly h: number;
  readonly tail: number;
  readonly tailBytes: number;
  readonly length: number;
}

// Bound once: a global lookup per byte is costly where globals are proxied (e.g. Jest's vm contexts).
const imul = Math.imul;
const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

// Streaming state, module-level so the hot loop needs no closure or object; evaluation is synchronous.
let h = 0;
let tail = 0;
let tailBytes = 0;
let length = 0;

function pushByte(byte: number): void {
  tail |= byte << (tailBytes << 3);
  length++;
  if (++tailBytes === 4) {
    let k = imul(tail, C1);
    k = (k << 15) | (k >>> 17);
    h ^= imul(k, C2);
    h = (h << 13) | (h >>> 19);
    h = (imul(h, 5) + 0xe6546b64) | 0;
    tail = 0;
    tailBytes = 0;
  }
}

function pushString(s: string): void {
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      pushByte(c);
      continue;
    }
    if (c < 0x800) {
      pushByte(0xc0 | (c >> 6));
      pushByte(0x80 | (c & 0x3f));
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
        pushByte(0xf0 | (cp >> 18));
        pushByte(0x80 | ((cp >> 12) & 0x3f));
        pushByte(0x80 | ((cp >> 6) & 0x3f));
        pushByte(0x80 | (cp & 0x3f));
        continue;
      }
      c = 0xfffd;
    }
    pushByte(0xe0 | (c >> 12));
    pushByte(0x80 | ((c >> 6) & 0x3f));
    pushByte(0x80 | (c & 0x3f));
  }
}

function finish(): number {
  let out = h;
  if (tailBytes > 0) {
    let k = imul(tail, C1);
    k = (k << 15) | (k >>> 17);
    out ^= imul(k, C2);
  }
  out ^= length;
  out ^= out >>> 16;
  out = imul(out, 0x85ebca6b);
  out ^= out >>> 13;
  out = imul(out, 0xc2b2ae35);
  out ^= out >>> 16;
  return out >>> 0;
}

export function createHashPrefix(prefix: string, seed = 0): HashPrefix {
  h = seed | 0;
  tail = 0;
  tailBytes = 0;
  length = 0;
  pushString(prefix);
  return { h, tail, tailBytes, length };
}

/** murmur3(prefix + s) where `prefix` was absorbed by createHashPrefix. */
export function hashWithPrefix(prefix: HashPrefix, s: string): number {
  h = prefix.h;
  tail = prefix.tail;
  tailBytes = prefix.tailBytes;
  length = prefix.length;
  pushString(s);
  return finish();
}

const EMPTY_PREFIX = createHashPrefix('');

export function murmur3(s: string): number {
  return hashWithPrefix(EMPTY_PREFIX, s);
}
