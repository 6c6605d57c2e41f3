import { diffStates } from './state-diff';

describe('diffStates', () => {
  it('names each changed field by its path with the value before and after', () => {
    const before = { key: 'f', enabled: false, rules: [{ variant: 'on', percentage: 10 }], tags: ['a'] };
    const after = { key: 'f', enabled: true, rules: [{ variant: 'on', percentage: 50 }], description: 'new' };
    expect(diffStates(before, after)).toEqual([
      { path: 'enabled', before: false, after: true },
      { path: 'rules.0.percentage', before: 10, after: 50 },
      { path: 'tags', before: ['a'] },
      { path: 'description', after: 'new' },
    ]);
  });

  it('is empty for equal states and lists every field of a first state as added', () => {
    expect(diffStates({ a: { b: [1] } }, { a: { b: [1] } })).toEqual([]);
    expect(diffStates({}, { key: 'f', enabled: true })).toEqual([{ path: 'key', after: 'f' }, { path: 'enabled', after: true }]);
  });
});
