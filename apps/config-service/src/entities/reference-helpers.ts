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
