import type { FlagInput } from '@xp/contracts';
import { type ImportNote, toKey } from '../import-plan';
import type { UnleashFeature, UnleashVariant } from './unleash-document';

export interface VariantSet {
  valueType: FlagInput['valueType'];
  variants: FlagInput['variants'];
  offVariant: string;
  /** Unleash variant name -> variant key. */
  keyOf: Map<string, string>;
  /** Non-empty when the feature has variants (else the flag is boolean on/off). */
  named: boolean;
}

/**
 * The flag's variants: `on`/`off` for a plain toggle; otherwise every variant name of the feature and its
 * strategies, plus `disabled` (Unleash's fallback variant) as the off variant. Values are the payloads when all
 * variants share one payload type, else the variant names (no payloads) or JSON.
 */
export function unleashVariants(feature: UnleashFeature, notes: ImportNote[], path: string): VariantSet {
  const all: UnleashVariant[] = [...feature.variants, ...feature.strategies.flatMap((s) => s.variants)];
  if (all.length === 0) {
    return {
      valueType: 'boolean',
      variants: [{ key: 'on', value: true }, { key: 'off', value: false }],
      offVariant: 'off',
      keyOf: new Map(),
      named: false,
    };
  }
  const byName = new Map<string, UnleashVariant>();
  for (const v of all) if (!byName.has(v.name)) byName.set(v.name, v);
  const types = new Set([...byName.values()].map((v) => v.payload?.type ?? 'none'));
  const type = types.size === 1 ? [...types][0] : 'mixed';
  const keyOf = new Map<string, string>();
  const used = new Set<string>(['disabled']);
  for (const name of byName.keys()) {
    let key = toKey(name);
    for (let i = 2; used.has(key); i++) key = `${toKey(name)}-${i}`;
    used.add(key);
    keyOf.set(name, key);
    if (key !== name) notes.push({ path, message: `variant '${name}' is keyed '${key}'` });
  }
  const valueOf = (v: UnleashVariant): unknown => {
    if (type === 'none') return v.name;
    if (type === 'string' || type === 'csv') return v.payload?.value ?? '';
    if (type === 'number') return Number(v.payload?.value);
    if (!v.payload) return null;
    if (v.payload.type === 'json') {
      try {
        return JSON.parse(v.payload.value) as unknown;
      } catch {
        notes.push({ path, message: `variant '${v.name}' has an invalid JSON payload: served as its text` });
        return v.payload.value;
      }
    }
    return v.payload.type === 'number' ? Number(v.payload.value) : v.payload.value;
  };
  const valueType: FlagInput['valueType'] = type === 'none' || type === 'string' || type === 'csv' ? 'string' : type === 'number' ? 'number' : 'json';
  const offValue = valueType === 'string' ? (type === 'none' ? 'disabled' : '') : valueType === 'number' ? 0 : null;
  notes.push({ path, message: `off variant 'disabled' (Unleash's fallback) serves ${JSON.stringify(offValue)}; values are ${type === 'none' ? 'the variant names' : `${type} payloads`}` });
  return {
    valueType,
    variants: [...[...byName.values()].map((v) => ({ key: keyOf.get(v.name) as string, value: valueOf(v) })), { key: 'disabled', value: offValue }],
    offVariant: 'disabled',
    keyOf,
    named: true,
  };
}

/** Unleash weights (out of their total, normally 1000) as basis points; exact when the total is 1000. */
export function unleashWeights(variants: readonly UnleashVariant[], keyOf: Map<string, string>, notes: ImportNote[], path: string) {
  const positive = variants.filter((v) => v.weight > 0);
  const total = positive.reduce((sum, v) => sum + v.weight, 0);
  if (total !== 1000) {
    notes.push({ path, message: `variant weights total ${total}, not 1000: Unleash picks modulo ${total}, so units near the edges may change variant` });
  }
  const weights = positive.map((v) => ({ variant: keyOf.get(v.name) as string, weight: Math.round((v.weight * 1000) / total) * 10 }));
  const drift = 10_000 - weights.reduce((sum, w) => sum + w.weight, 0);
  if (weights.length > 0) weights[weights.length - 1].weight += drift;
  return weights;
}
