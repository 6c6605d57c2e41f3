import type { StreamType } from '@xp/contracts';
import type { EntityDefinition, ReferenceLookup } from './entity-definition';

export interface Dependent {
  streamType: StreamType;
  key: string;
  path: string;
}

/**
 * Live entities that would be left pointing at `key` if it were archived: those whose reference
 * check passes with it and fails without it. Reuses each definition's own reference rules.
 */
export function findDependents(
  target: { streamType: StreamType; key: string },
  definitions: readonly EntityDefinition[],
  lookup: ReferenceLookup,
): Dependent[] {
  const without = new Map(lookup);
  const remaining = new Map(lookup.get(target.streamType) ?? []);
  remaining.delete(target.key);
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
