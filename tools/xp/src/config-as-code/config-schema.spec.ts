import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configFileJsonSchema } from '@xp/contracts';
import { lifecyclePath } from './experiment-status-path';
import { dependencyOrder, experimentReferences, sameKindReferences, withoutExperimentRules } from './entity-references';

describe('the config file', () => {
  it('has its committed JSON Schema up to date with the zod schemas (regenerate: npm run -s xp -- schema > tools/xp/xp-config.schema.json)', () => {
    const committed = JSON.parse(readFileSync(join(__dirname, '..', '..', 'xp-config.schema.json'), 'utf8'));
    expect(committed).toEqual(configFileJsonSchema());
    expect(Object.keys(committed.properties)).toEqual(['environments', 'segments', 'metrics', 'flags', 'experiments', 'holdouts']);
  });

  it('orders entities after the ones they reference, and strips experiment rules for a flag created before its experiment', () => {
    const flags = [
      { key: 'child', prerequisites: [{ flagKey: 'parent', variants: ['on'] }], rules: [{ id: 'x', experimentKey: 'exp' }, { id: 'y', weights: [] }] },
      { key: 'parent', prerequisites: [], rules: [] },
    ];
    expect(dependencyOrder(flags, (f) => sameKindReferences('flags', f)).map((f) => f.key)).toEqual(['parent', 'child']);
    expect(experimentReferences(flags[0])).toEqual(['exp']);
    expect(withoutExperimentRules(flags[0]).rules).toEqual([{ id: 'y', weights: [] }]);
    const segments = [{ key: 'a', conditions: [{ attribute: 'u', operator: 'inSegment', values: ['b'] }] }, { key: 'b', conditions: [] }];
    expect(dependencyOrder(segments, (s) => sameKindReferences('segments', s)).map((s) => s.key)).toEqual(['b', 'a']);
  });

  it('reaches an experiment status with the lifecycle verbs, or says it cannot', () => {
    expect(lifecyclePath('draft', 'concluded')).toEqual(['start', 'pause', 'conclude']);
    expect(lifecyclePath('paused', 'running')).toEqual(['resume']);
    expect(lifecyclePath('running', 'running')).toEqual([]);
    expect(lifecyclePath('concluded', 'running')).toBeUndefined();
  });
});
