import { SegmentSchema, type Segment } from '@xp/contracts';
import type { EntityDefinition } from '../entities/entity-definition';
import { referencePath, segmentKeysIn, segmentProblems } from '../entities/reference-helpers';
import { refuseUnrunnableRegexes } from '../entities/unrunnable-regexes';

export const segmentDefinition: EntityDefinition = {
  streamType: 'segment',
  eventPrefix: 'Segment',
  toState: (input) => {
    const segment = SegmentSchema.parse(input);
    refuseUnrunnableRegexes([{ path: 'conditions', conditions: segment.conditions }]);
    return segment;
  },
  referencedTypes: ['segment'],
  referenceProblems(state, lookup) {
    const segment = state as Segment;
    // On update the segment itself is live, so the existence check alone would accept a self-reference.
    const selfReferences = segment.conditions.flatMap((condition, c) =>
      condition.operator === 'inSegment' && condition.values.includes(segment.key)
        ? [{ path: `conditions.${c}.values`, message: 'a segment cannot contain itself' }]
        : [],
    );
    if (selfReferences.length > 0) return selfReferences;
    const missing = segmentProblems(segment.conditions, 'conditions', lookup);
    if (missing.length > 0) return missing;
    // A segment that (through others) contains this one would make membership undefined.
    const segments = lookup.get('segment');
    const containedIn = (key: string): string[] =>
      segmentKeysIn(key === segment.key ? segment.conditions : ((segments?.get(key) as Segment | undefined)?.conditions ?? []));
    return segment.conditions.flatMap((condition, c) =>
      segmentKeysIn([condition]).flatMap((key) => {
        const cycle = referencePath(key, segment.key, containedIn);
        if (!cycle) return [];
        const keys = [segment.key, ...cycle];
        return [{ path: `conditions.${c}.values`, message: `segment cycle: ${keys.join(' -> ')}`, cycle: keys }];
      }),
    );
  },
};
