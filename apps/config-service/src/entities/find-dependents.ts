import type { StreamType } from '@xp/contracts';
import type { EntityDefinition, ReferenceLookup } from './entity-definition';

export interface Dependent {
  streamType: StreamType;
  key: string;
  path: string;
}

/**
 * Live entities that a change of `key` to `next` (null: archived) would leave with a broken
 * reference: their reference check raises a problem afterwards that it did not raise before
 * (e.g. a flag variant removed while an experiment uses it). Reuses each definition's own rules.
 */
export function findDependents(
  target: { streamType: StreamType; key: string; next: Record<string, unknown> | null },
  definitions: readonly EntityDefinition[],
  lookup: ReferenceLookup,
): Dependent[] {
  const without = new Map(lookup);
  const remaining = new Map(lookup.get(target.streamType) ?? []);
  if (target.next === null) remaining.delete(target.key);
  else remaining.set(target.key, target.next);
  without.set(target.streamType, remaining);
  return definitions
    .filter((definition) => definition.referencedTypes.includes(target.streamType))
    .flatMap((definition) =>
      [...(lookup.get(definition.streamType)?.entries() ?? [])]
        .filter(([key]) => !(definition.streamType === target.streamType && key === target.key))
        .flatMap(([key, state]) => {
          const before = new Set(definition.referenceProblems(state, lookup).map((p) => p.path));
          return definition
            .referenceProblems(state, without)
            .filter((p) => !before.has(p.path))
            .map((p) => ({ streamType: definition.streamType, key, path: p.path }));
        }),
    );
}
