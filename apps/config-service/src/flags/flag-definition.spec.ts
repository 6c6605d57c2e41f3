import { FlagSchema, SegmentSchema, type StreamType } from '@xp/contracts';
import type { ReferenceLookup } from '../entities/entity-definition';
import { segmentDefinition } from '../segments/segment-definition';
import { booleanFlag, segment } from '../testing/fixtures';
import { flagReferenceProblems } from './flag-definition';

const lookup = (entries: Partial<Record<StreamType, Record<string, unknown>[]>>): ReferenceLookup =>
  new Map(Object.entries(entries).map(([type, states]) => [type as StreamType, new Map(states.map((s) => [String(s.key), s]))]));

const base = FlagSchema.parse(booleanFlag('base'));
const beta = SegmentSchema.parse(segment('beta'));

describe('flag references', () => {
  it('accepts known segments and prerequisites serving known variants', () => {
    const flag = FlagSchema.parse(
      booleanFlag('f', {
        prerequisites: [{ flagKey: 'base', variants: ['on'] }],
        rules: [{ id: 'r', conditions: [{ attribute: 'u', operator: 'inSegment', values: ['beta'] }], weights: [{ variant: 'on', weight: 10_000 }] }],
      }),
    );
    expect(flagReferenceProblems(flag, lookup({ flag: [base], segment: [beta] }))).toEqual([]);
  });

  it('names unknown segments, prerequisite flags, their variants and experiments by path', () => {
    const flag = FlagSchema.parse(
      booleanFlag('f', {
        prerequisites: [{ flagKey: 'base', variants: ['maybe'] }, { flagKey: 'gone', variants: ['on'] }],
        rules: [
          { id: 'r', conditions: [{ attribute: 'u', operator: 'inSegment', values: ['beta', 'vip'] }], weights: [{ variant: 'on', weight: 10_000 }] },
          { id: 'x', experimentKey: 'exp' },
        ],
      }),
    );
    expect(flagReferenceProblems(flag, lookup({ flag: [base], segment: [beta] })).map((p) => p.path)).toEqual([
      'prerequisites.0.variants.0',
      'prerequisites.1.flagKey',
      'rules.0.conditions.0.values.1',
      'rules.1.experimentKey',
    ]);
  });
});

describe('segment references', () => {
  it('rejects a segment that contains itself even though it exists', () => {
    const self = SegmentSchema.parse(segment('beta', { conditions: [{ attribute: 'u', operator: 'inSegment', values: ['beta'] }] }));
    expect(segmentDefinition.referenceProblems(self, lookup({ segment: [beta] }))).toEqual([
      { path: 'conditions.0.values', message: 'a segment cannot contain itself' },
    ]);
  });
});
