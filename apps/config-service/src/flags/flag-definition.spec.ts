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
      'environments.production.rules.0.conditions.0.values.1',
      'environments.production.rules.1.experimentKey',
    ]);
  });

  const requires = (key: string, ...prerequisites: string[]) =>
    FlagSchema.parse(booleanFlag(key, { prerequisites: prerequisites.map((flagKey) => ({ flagKey, variants: ['on'] })) }));

  it('refuses a prerequisite that leads back to the flag, naming the whole cycle', () => {
    // c -> b -> a exist; making a require c would close a -> c -> b -> a.
    const existing = lookup({ flag: [requires('a'), requires('b', 'a'), requires('c', 'b'), requires('d')] });
    expect(flagReferenceProblems(requires('a', 'd', 'c'), existing)).toEqual([
      { path: 'prerequisites.1.flagKey', message: 'prerequisite cycle: a -> c -> b -> a', cycle: ['a', 'c', 'b', 'a'] },
    ]);
  });

  it('accepts shared prerequisites that do not loop (a diamond)', () => {
    const existing = lookup({ flag: [requires('root'), requires('left', 'root'), requires('right', 'root')] });
    expect(flagReferenceProblems(requires('top', 'left', 'right'), existing)).toEqual([]);
  });
});

describe('segment references', () => {
  it('rejects a segment that contains itself even though it exists', () => {
    const self = SegmentSchema.parse(segment('beta', { conditions: [{ attribute: 'u', operator: 'inSegment', values: ['beta'] }] }));
    expect(segmentDefinition.referenceProblems(self, lookup({ segment: [beta] }))).toEqual([
      { path: 'conditions.0.values', message: 'a segment cannot contain itself' },
    ]);
  });

  const containing = (key: string, ...inner: string[]) =>
    SegmentSchema.parse(segment(key, { conditions: inner.length ? [{ attribute: 'u', operator: 'inSegment', values: inner }] : [] }));

  it('refuses a segment that would contain itself through others', () => {
    const existing = lookup({ segment: [containing('a'), containing('b', 'a'), containing('c', 'b'), containing('d')] });
    expect(segmentDefinition.referenceProblems(containing('a', 'd', 'c'), existing)).toEqual([
      { path: 'conditions.0.values', message: 'segment cycle: a -> c -> b -> a', cycle: ['a', 'c', 'b', 'a'] },
    ]);
  });

  it('accepts nested segments without a loop', () => {
    const existing = lookup({ segment: [containing('a'), containing('b', 'a')] });
    expect(segmentDefinition.referenceProblems(containing('c', 'b', 'a'), existing)).toEqual([]);
  });
});
