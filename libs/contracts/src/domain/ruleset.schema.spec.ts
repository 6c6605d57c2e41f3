import { HoldoutSchema } from './holdout.schema';
import { RulesetSchema } from './ruleset.schema';
import { SegmentSchema } from './segment.schema';

describe('RulesetSchema', () => {
  it('defaults segments, experiments and holdouts to empty lists', () => {
    expect(RulesetSchema.parse({ version: 3, flags: [] })).toEqual({ version: 3, flags: [], segments: [], experiments: [], holdouts: [] });
  });

  it('reports a bad condition inside a segment with its full path', () => {
    const result = RulesetSchema.safeParse({
      version: 1, flags: [], segments: [{ key: 'mobile', conditions: [{ attribute: 'app', operator: 'semverGte', values: ['latest'] }] }],
    });
    expect(result.error?.issues.map((i) => i.path)).toEqual([['segments', 0, 'conditions', 0, 'values', 0]]);
  });

  it('rejects a negative version', () => {
    expect(RulesetSchema.safeParse({ version: -1, flags: [] }).error?.issues[0].path).toEqual(['version']);
  });
});

describe('HoldoutSchema and SegmentSchema', () => {
  it('accepts a holdout with a 0.01-step percentage and defaults its scope to every flag', () => {
    expect(HoldoutSchema.parse({ key: 'h-2024', salt: 'h', percentage: 2.5 }).flagKeys).toEqual([]);
  });

  it('rejects a holdout percentage above 100 or with finer steps than 0.01', () => {
    expect(HoldoutSchema.safeParse({ key: 'h', salt: 'h', percentage: 101 }).success).toBe(false);
    expect(HoldoutSchema.safeParse({ key: 'h', salt: 'h', percentage: 0.001 }).success).toBe(false);
  });

  it('rejects a segment with an unknown operator', () => {
    const result = SegmentSchema.safeParse({ key: 's', conditions: [{ attribute: 'a', operator: 'matches', values: ['x'] }] });
    expect(result.error?.issues[0].path).toEqual(['conditions', 0, 'operator']);
  });
});
