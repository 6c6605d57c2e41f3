import { FlagSchema, SegmentSchema, type StreamType } from '@xp/contracts';
import { flagDefinition } from '../flags/flag-definition';
import { segmentDefinition } from '../segments/segment-definition';
import { booleanFlag, segment } from '../testing/fixtures';
import type { ReferenceLookup } from './entity-definition';
import { findDependents } from './find-dependents';

const lookup = (entries: Partial<Record<StreamType, Record<string, unknown>[]>>): ReferenceLookup =>
  new Map(Object.entries(entries).map(([type, states]) => [type as StreamType, new Map(states.map((s) => [String(s.key), s]))]));

const inSegment = (key: string) => [{ attribute: 'u', operator: 'inSegment', values: [key] }];

describe('findDependents', () => {
  const beta = SegmentSchema.parse(segment('beta'));
  const nested = SegmentSchema.parse(segment('nested', { conditions: inSegment('beta') }));
  const user = FlagSchema.parse(booleanFlag('user', { rules: [{ id: 'r', conditions: inSegment('beta'), weights: [{ variant: 'on', weight: 10_000 }] }] }));
  const unrelated = FlagSchema.parse(booleanFlag('unrelated'));

  it('finds flags and segments that use a segment', () => {
    const found = findDependents({ streamType: 'segment', key: 'beta', next: null }, [flagDefinition, segmentDefinition], lookup({ flag: [user, unrelated], segment: [beta, nested] }));
    expect(found).toEqual([
      { streamType: 'flag', key: 'user', path: 'environments.production.rules.0.conditions.0.values.0' },
      { streamType: 'segment', key: 'nested', path: 'conditions.0.values.0' },
    ]);
  });

  it('finds nothing for an unused segment', () => {
    expect(findDependents({ streamType: 'segment', key: 'nested', next: null }, [flagDefinition, segmentDefinition], lookup({ flag: [user], segment: [beta, nested] }))).toEqual([]);
  });
});
