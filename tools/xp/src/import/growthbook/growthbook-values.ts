import type { FlagInput } from '@xp/contracts';
import { type ImportNote, toKey } from '../import-plan';

export interface ValueKeys {
  valueType: FlagInput['valueType'];
  variants: { key: string; value: unknown }[];
  /** The variant key serving this value (values compare as JSON). */
  keyOf(value: unknown): string;
}

/** Every value a feature can serve (default, forced values, variations) becomes a variant: true/false are on/off. */
export function growthbookVariants(id: string, feature: { defaultValue?: unknown; rules?: Record<string, unknown>[] }, notes: ImportNote[]): ValueKeys {
  const values: unknown[] = [feature.defaultValue ?? null];
  for (const rule of feature.rules ?? []) {
    if (rule.force !== undefined) values.push(rule.force);
    if (Array.isArray(rule.variations)) values.push(...rule.variations);
  }
  const types = new Set(values.map((v) => (v === null || typeof v === 'object' ? 'json' : typeof v)));
  const valueType = (types.size === 1 ? [...types][0] : 'json') as FlagInput['valueType'];
  if (types.size > 1) notes.push({ path: `features.${id}`, message: `values of several types (${[...types].join(', ')}): imported as a json flag` });
  const byJson = new Map<string, { key: string; value: unknown }>();
  const used = new Set<string>();
  for (const value of values) {
    const json = JSON.stringify(value ?? null);
    if (byJson.has(json)) continue;
    let key = value === true ? 'on' : value === false ? 'off' : typeof value === 'string' || typeof value === 'number' ? toKey(String(value)) : `value-${byJson.size + 1}`;
    if (key === 'unnamed') key = `value-${byJson.size + 1}`;
    for (let i = 2; used.has(key); i++) key = `${key}-${i}`;
    used.add(key);
    byJson.set(json, { key, value: value ?? null });
  }
  return {
    valueType,
    variants: [...byJson.values()],
    keyOf: (value) => (byJson.get(JSON.stringify(value ?? null)) as { key: string }).key,
  };
}
