import { jsonDiff } from './json-diff';

describe('jsonDiff', () => {
  it('lists changed, added and removed leaves with dotted paths', () => {
    const before = { enabled: true, rules: [{ id: 'a', rollout: 10 }], overrides: { u1: 'on' } };
    const after = { enabled: false, rules: [{ id: 'a', rollout: 25 }, { id: 'b', rollout: 5 }], overrides: {} };
    expect(jsonDiff(before, after)).toEqual([
      { path: 'enabled', before: true, after: false, kind: 'changed' },
      { path: 'rules.0.rollout', before: 10, after: 25, kind: 'changed' },
      { path: 'rules.1', after: { id: 'b', rollout: 5 }, kind: 'added' },
      { path: 'overrides.u1', before: 'on', kind: 'removed' },
    ]);
  });

  it('finds nothing between equal values and treats a first version as all added', () => {
    expect(jsonDiff({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
    expect(jsonDiff(undefined, { key: 'x' })).toEqual([{ path: '', after: { key: 'x' }, kind: 'added' }]);
  });
});
