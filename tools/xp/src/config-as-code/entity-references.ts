import type { ConfigFileKind } from '@xp/contracts';
import type { Entity } from './platform-config';

/** Every object inside `value` (depth first), to find references wherever a schema nests them. */
function* objectsIn(value: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) for (const item of value) yield* objectsIn(item);
  else if (value !== null && typeof value === 'object') {
    yield value as Record<string, unknown>;
    for (const child of Object.values(value)) yield* objectsIn(child);
  }
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : []);

/** Keys of the same kind an entity needs first: segments they are `inSegment` of, flags' prerequisite flags. */
export function sameKindReferences(kind: ConfigFileKind, entity: Entity): string[] {
  const found = new Set<string>();
  for (const o of objectsIn(entity)) {
    if (kind === 'segments' && o.operator === 'inSegment') [...strings(o.value), ...strings(o.values)].forEach((k) => found.add(k));
    if (kind === 'flags' && typeof o.flagKey === 'string' && Array.isArray(o.variants)) found.add(o.flagKey);
  }
  found.delete(entity.key);
  return [...found];
}

/** Experiments a flag's rules (in any environment) hand their units to. */
export function experimentReferences(flag: Entity): string[] {
  return [...new Set([...objectsIn(flag)].flatMap((o) => strings(o.experimentKey)))];
}

/** The flag without its experiment rules: what can exist before those experiments do. */
export function withoutExperimentRules(flag: Entity): Entity {
  const strip = (rules: unknown) => (Array.isArray(rules) ? rules.filter((r) => !(r as { experimentKey?: string }).experimentKey) : rules);
  const environments = flag.environments as Record<string, Record<string, unknown>> | undefined;
  return {
    ...flag,
    ...(flag.rules === undefined ? {} : { rules: strip(flag.rules) }),
    ...(environments === undefined ? {} : { environments: Object.fromEntries(Object.entries(environments).map(([env, part]) => [env, { ...part, rules: strip(part.rules) }])) }),
  };
}

/** `items` with each one after the ones it references (a cycle keeps the given order; the API then refuses it). */
export function dependencyOrder<T extends { key: string }>(items: T[], references: (item: T) => string[]): T[] {
  const byKey = new Map(items.map((i) => [i.key, i]));
  const placed = new Set<string>();
  const ordered: T[] = [];
  const visit = (item: T, path: Set<string>) => {
    if (placed.has(item.key) || path.has(item.key)) return;
    path.add(item.key);
    for (const ref of references(item)) {
      const other = byKey.get(ref);
      if (other) visit(other, path);
    }
    placed.add(item.key);
    ordered.push(item);
  };
  items.forEach((i) => visit(i, new Set()));
  return ordered;
}
