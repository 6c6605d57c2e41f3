import { SegmentSchema, type Segment } from '@xp/contracts';
import type { EntityDefinition } from '../entities/entity-definition';
import { segmentProblems } from '../entities/reference-helpers';

export const segmentDefinition: EntityDefinition = {
  streamType: 'segment',
  eventPrefix: 'Segment',
  toState: (input) => SegmentSchema.parse(input),
  referencedTypes: ['segment'],
  referenceProblems(state, lookup) {
    const segment = state as Segment;
    // On update the segment itself is live, so the existence check alone would accept a self-reference.
    const selfReferences = segment.conditions.flatMap((condition, c) =>
      condition.operator === 'inSegment' && condition.values.includes(segment.key)
        ? [{ path: `conditions.${c}.values`, message: 'a segment cannot contain itself' }]
        : [],
    );
    return selfReferences.length > 0 ? selfReferences : segmentProblems(segment.conditions, 'conditions', lookup);
  },
};
