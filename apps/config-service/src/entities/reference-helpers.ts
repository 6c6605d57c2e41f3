import type { Condition, StreamType } from '@xp/contracts';
import type { ReferenceLookup, ReferenceProblem } from './entity-definition';

export function isLive(lookup: ReferenceLookup, streamType: StreamType, key: string): boolean {
  return lookup.get(streamType)?.has(key) ?? false;
}

/** Segment keys named by `inSegment` conditions must be live segments. */
export function segmentProblems(conditions: readonly Condition[], basePath: string, lookup: ReferenceLookup): ReferenceProblem[] {
  return conditions.flatMap((condition, c) =>
    condition.operator !== 'inSegment'
      ? []
      : condition.values.flatMap((value, v) =>
          isLive(lookup, 'segment', String(value)) ? [] : [{ path: `${basePath}.${c}.values.${v}`, message: `unknown segment '${String(value)}'` }],
        ),
  );
}

/**
 * A path of references from `from` back to `to` (both included), following `next` depth first, or
 * undefined when there is none. Used to refuse a write that would close a reference cycle: the other
 * entities were checked when they were written, so any cycle goes through the one being written.
 */
export function referencePath(from: string, to: string, next: (key: string) => readonly string[]): string[] | undefined {
  const seen = new Set<string>([from]);
  const path = [from];
  const walk = (key: string): boolean => {
    if (key === to) return true;
    for (const n of next(key)) {
      if (n !== to && seen.has(n)) continue;
      seen.add(n);
      path.push(n);
      if (walk(n)) return true;
      path.pop();
    }
    return false;
  };
  return walk(from) ? path : undefined;
}

/** Segment keys a list of conditions names through `inSegment`. */
export function segmentKeysIn(conditions: readonly Condition[]): string[] {
  return conditions.flatMap((c) => (c.operator === 'inSegment' ? c.values.map(String) : []));
}
