import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GrowthBookClient } from '@growthbook/growthbook';
import { RulesetSchema } from '@xp/contracts';
import { compileRuleset } from '@xp/evaluation';
import { peerContext } from '../testing/peer-contexts';
import { translateGrowthbook } from './translate-growthbook';

const payload = JSON.parse(readFileSync(join(__dirname, '..', 'testing', 'growthbook-features.json'), 'utf8'));
const CONTEXTS = 3_000;
const COMPARED = ['dark-mode', 'button-color', 'pricing-v1', 'beta-banner', 'new-nav', 'version-gate', 'tag-rules'];

describe('xp import growthbook', () => {
  const plan = translateGrowthbook(payload);
  const evaluator = compileRuleset(RulesetSchema.parse({ version: 1, flags: plan.flags, segments: plan.segments }));
  const growthbook = new GrowthBookClient();
  growthbook.initSync({ payload });

  it('creates the features, with the hashing version of their rules, and saved groups as segments', () => {
    expect(plan.flags.map((f) => [f.key, f.hashing ?? 'xp'])).toEqual(expect.arrayContaining([
      ['dark-mode', 'growthbook-v2'], ['button-color', 'growthbook-v2'], ['pricing-v1', 'growthbook-v1'], ['beta-banner', 'growthbook-v2'],
    ]));
    expect(plan.segments.map((s) => s.key)).toEqual(['sg-grp-beta-id', 'sg-grp-beta-id-list']);
    expect(plan.flags.find((f) => f.key === 'new-nav')?.prerequisites).toEqual([{ flagKey: 'dark-mode', variants: ['on'] }]);
  });

  it(`gives ${CONTEXTS.toLocaleString('en-US')} contexts exactly GrowthBook's value for every translated feature`, () => {
    const differences: string[] = [];
    const seen = new Map<string, Set<string>>();
    for (let i = 0; i < CONTEXTS; i++) {
      const { unit, strings, tags } = peerContext(i);
      const attributes = { ...strings, id: unit, tags, age: Number(strings.age) };
      for (const key of COMPARED) {
        const ours = evaluator.evaluateFlag(key, unit, attributes);
        const result = growthbook.evalFeature(key, { attributes });
        // A failed gate is null in GrowthBook and the default here: the reported difference (see the notes test).
        const theirs = result.source === 'prerequisite' ? payload.features[key].defaultValue : result.value;
        if (!seen.has(key)) seen.set(key, new Set());
        seen.get(key)?.add(JSON.stringify(ours.value));
        if (JSON.stringify(ours.value) !== JSON.stringify(theirs) && differences.length < 10) {
          differences.push(`${key} ${unit}: xp ${JSON.stringify(ours.value)}, growthbook ${JSON.stringify(theirs)}`);
        }
      }
    }
    expect(differences).toEqual([]);
    for (const key of COMPARED) expect([key, (seen.get(key)?.size ?? 0) >= 2]).toEqual([key, true]);
    expect(seen.get('button-color')?.size).toBe(3);
  });

  it('reports every construct it cannot translate, with the reason', () => {
    expect(plan.untranslatable.map((u) => [u.path, u.construct])).toEqual([
      ['experiments.0', 'auto experiment (visual editor / URL redirect)'],
      ['features.ns-exp.rules.0', 'namespace'],
      ['features.mixed-hash.rules.1', 'hashVersion 2'],
      ['features.elem-match.rules.0', 'orders $elemMatch'],
    ]);
    for (const u of plan.untranslatable) expect(u.reason.length).toBeGreaterThan(20);
  });

  it('turns $or into one rule per alternative, on the same seed, and $in into scalar or list membership', () => {
    const button = plan.flags.find((f) => f.key === 'button-color');
    expect(button?.rules?.map((r) => [r.id, r.salt, r.rollout])).toEqual([['exp-button-or-1', 'button-exp-seed', 80], ['exp-button-or-2', 'button-exp-seed', 80]]);
    const dark = plan.flags.find((f) => f.key === 'dark-mode');
    expect(dark?.rules?.map((r) => r.conditions?.[0].operator)).toEqual(['in', 'containsAny']);
  });

  it('notes what it translated with a difference: a failed gate, loose comparisons, padded versions, experiments as splits', () => {
    const messages = plan.notes.map((n) => n.message).join('\n');
    expect(messages).toMatch(/when it fails GrowthBook serves null; here the flag serves its default value/);
    expect(messages).toMatch(/compares a plain value loosely/);
    expect(messages).toMatch(/padded version strings/);
    expect(messages).toMatch(/experiment rules become split rules/);
  });

  it('refuses an encrypted payload with what to do', () => {
    expect(() => translateGrowthbook({ encryptedFeatures: 'abc' })).toThrow(/decrypt/);
  });
});
