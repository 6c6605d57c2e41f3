/** Asserts |actual - expected| ≤ tolerance · max(1, |expected|), naming the value on failure. */
export function expectClose(actual: number, expected: number, tolerance: number, label = 'value'): void {
  const allowed = tolerance * Math.max(1, Math.abs(expected));
  if (!(Math.abs(actual - expected) <= allowed)) {
    throw new Error(`${label}: expected ${expected}, got ${actual} (allowed error ${allowed})`);
  }
}
