/**
 * A seeded generator of uniform numbers (mulberry32): the same seed gives the same sequence
 * everywhere, for simulations, workloads and demo traffic that must be reproducible. Not for
 * anything that needs unpredictability.
 *
 * `[0,1)` can return 0; `(0,1)` shifts by half a step so that neither end is reached (for
 * logarithms and inverse CDFs).
 */
export function seededUniform(seed: number, interval: '[0,1)' | '(0,1)' = '[0,1)'): () => number {
  const shift = interval === '(0,1)' ? 0.5 : 0;
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + shift) / 4294967296;
  };
}
