import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RulesetSchema } from '@xp/contracts';
import { compileRuleset } from '@xp/evaluation';
import UnleashClient from 'unleash-client/lib/client';
import { defaultStrategies } from 'unleash-client/lib/strategy';
import { peerContext } from '../testing/peer-contexts';
import { translateUnleash } from './translate-unleash';

const document = JSON.parse(readFileSync(join(__dirname, '..', 'testing', 'unleash-features.json'), 'utf8'));
const CONTEXTS = 3_000;
/** Features whose every construct translates; the others are checked in the report below. */
const COMPARED = ['new-checkout', 'checkout-button', 'pricing', 'office-only', 'session-sticky', 'constraint-mix', 'gradual-legacy', 'child-feature', 'child-of-blue', 'not-in-checkout', 'killed', 'no-strategies', 'grandchild', 'random-rollout'];

describe('xp import unleash', () => {
  const plan = translateUnleash(document);
  const evaluator = compileRuleset(RulesetSchema.parse({ version: 1, flags: plan.flags, segments: plan.segments }));
  const features = new Map<string, unknown>(document.features.map((f: { name: string }) => [f.name, f]));
  const segments = new Map<number, unknown>(document.segments.map((s: { id: number }) => [s.id, s]));
  const unleash = new UnleashClient({ getToggle: (name: string) => features.get(name), getSegment: (id: number) => segments.get(id) } as never, defaultStrategies);

  /** Unleash's answer as our variant key: on/off for toggles, the variant name (or `disabled`) otherwise. */
  function unleashAnswer(name: string, context: Record<string, unknown>): string {
    const feature = features.get(name) as { variants?: unknown[]; strategies: { variants?: unknown[] }[] };
    const hasVariants = (feature.variants?.length ?? 0) > 0 || feature.strategies.some((s) => (s.variants?.length ?? 0) > 0);
    if (!hasVariants) return unleash.isEnabled(name, context as never, () => false) ? 'on' : 'off';
    return unleash.getVariant(name, context as never).name;
  }

  it('creates every segment and feature whose constructs translate, with unleash hashing', () => {
    expect(plan.segments.map((s) => s.key)).toEqual(['beta-testers', 'internal-network']);
    expect(plan.flags.map((f) => f.key)).toEqual(expect.arrayContaining(COMPARED));
    expect(plan.flags.every((f) => f.hashing === 'unleash')).toBe(true);
    // Prerequisites are created before the flags that need them.
    const order = plan.flags.map((f) => f.key);
    expect(order.indexOf('new-checkout')).toBeLessThan(order.indexOf('child-feature'));
    expect(order.indexOf('checkout-button')).toBeLessThan(order.indexOf('child-of-blue'));
  });

  it(`gives ${CONTEXTS.toLocaleString('en-US')} contexts exactly unleash-client's answer for every translated feature`, () => {
    const differences: string[] = [];
    const seen = new Map<string, Set<string>>();
    for (let i = 0; i < CONTEXTS; i++) {
      const { unit, strings } = peerContext(i);
      const { sessionId, remoteAddress, currentTime, ...properties } = strings;
      const unleashContext = { userId: unit, sessionId, remoteAddress, currentTime, properties };
      const attributes = { ...strings, userId: unit };
      for (const name of COMPARED) {
        if (name === 'random-rollout' && strings.plan !== 'pro') continue; // its random strategy is reported, not imported
        const ours = evaluator.evaluateFlag(name, unit, attributes).variant ?? 'error';
        const theirs = unleashAnswer(name, unleashContext);
        if (!seen.has(name)) seen.set(name, new Set());
        seen.get(name)?.add(ours);
        if (ours !== theirs && differences.length < 10) differences.push(`${name} ${unit}: xp ${ours}, unleash ${theirs}`);
      }
    }
    expect(differences).toEqual([]);
    // Each construct is exercised both ways (a flag that always answered the same would prove little).
    for (const name of ['new-checkout', 'checkout-button', 'pricing', 'office-only', 'session-sticky', 'constraint-mix', 'gradual-legacy', 'child-feature', 'child-of-blue', 'not-in-checkout']) {
      expect([name, (seen.get(name)?.size ?? 0) >= 2]).toEqual([name, true]);
    }
  });

  it('reports every construct it cannot translate, with the reason', () => {
    expect(plan.untranslatable.map((u) => [u.path, u.construct])).toEqual([
      ['segments.Weird', 'STR_FUZZY constraint on plan'],
      ['features.random-rollout.strategies.0', 'random stickiness'],
      ['features.hostname-only.strategies.0', 'applicationHostname strategy'],
      ['features.weird-segment.strategies.0', 'segment 3'],
      ['features.custom-strategy.strategies.0', "custom strategy 'myCompanyStrategy'"],
      ['features.grandchild.dependencies', "dependency on 'child-feature'"],
    ]);
    expect(plan.untranslatable.find((u) => u.path === 'features.grandchild.dependencies')?.reason).toMatch(/one level only .* imported disabled/);
    expect(plan.flags.find((f) => f.key === 'grandchild')?.enabled).toBe(false);
  });

  it('says what it translated with a difference: stickiness fallbacks, off variants, string-typed context', () => {
    const messages = plan.notes.map((n) => n.message).join('\n');
    expect(messages).toMatch(/fallbacks for calls without userId/);
    expect(messages).toMatch(/off variant 'disabled'/);
    expect(messages).toMatch(/Unleash compares strings/);
    expect(messages).toMatch(/variants stick on 'accountId'/);
  });

  it('reads NUM_* constraints leniently from string context and keeps NOT_IN true for a missing field', () => {
    const mix = plan.flags.find((f) => f.key === 'constraint-mix')?.rules?.[0].conditions ?? [];
    expect(mix).toEqual(expect.arrayContaining([
      { attribute: 'age', operator: 'lte', values: [60], negate: false, lenient: true },
      { attribute: 'country', operator: 'in', values: ['US'], negate: true },
    ]));
  });

  it('reads the admin export for one environment', () => {
    const exported = {
      features: [{ name: 'exported', description: 'from the export' }],
      featureStrategies: [
        { name: 'flexibleRollout', featureName: 'exported', environment: 'production', parameters: { rollout: '30', stickiness: 'default', groupId: 'exported' }, constraints: [] },
        { name: 'default', featureName: 'exported', environment: 'development', parameters: {}, constraints: [] },
      ],
      featureEnvironments: [
        { featureName: 'exported', environment: 'production', enabled: true, variants: [] },
        { featureName: 'exported', environment: 'development', enabled: false, variants: [] },
      ],
      segments: [],
      dependencies: [],
    };
    expect(() => translateUnleash(exported)).toThrow(/choose one with --environment/);
    const production = translateUnleash(exported, { environment: 'production' }).flags[0];
    expect(production).toMatchObject({ key: 'exported', enabled: true, rules: [{ rollout: 30 }] });
    expect(translateUnleash(exported, { environment: 'development' }).flags[0]).toMatchObject({ enabled: false, rules: [{ rollout: 100 }] });
  });
});
