import type { Engine } from './engines';

const SAMPLE_STRIDE = 7919;

/**
 * The products hash differently, so single units get different variants; what must agree is the
 * share of units each flag serves each value to. Returns, per engine, the largest difference (in
 * percentage points) from the reference engine over all flags and values, on `sample` units.
 */
export function translationCheck(reference: Engine, others: Engine[], sample: number, unitCount: number): Map<string, number> {
  const shares = (engine: Engine) => {
    const counts: Map<string, number>[] = [];
    for (let k = 0; k < sample; k++) {
      // A prime stride (coprime with the unit and profile counts) so the sample covers every profile, and so
      // every account the account-hashed flags stick on; an even spacing of 50 hit 20 profiles only.
      const unit = (k * SAMPLE_STRIDE) % unitCount;
      engine.values(unit).forEach((value, flag) => {
        counts[flag] ??= new Map();
        const key = JSON.stringify(value);
        counts[flag].set(key, (counts[flag].get(key) ?? 0) + 1);
      });
    }
    return counts;
  };
  const expected = shares(reference);
  const out = new Map<string, number>();
  for (const engine of others) {
    const actual = shares(engine);
    let worst = 0;
    expected.forEach((values, flag) => {
      const keys = new Set([...values.keys(), ...(actual[flag]?.keys() ?? [])]);
      for (const key of keys) {
        const diff = Math.abs((values.get(key) ?? 0) - (actual[flag]?.get(key) ?? 0)) / sample;
        worst = Math.max(worst, diff * 100);
      }
    });
    out.set(engine.name, worst);
  }
  return out;
}
