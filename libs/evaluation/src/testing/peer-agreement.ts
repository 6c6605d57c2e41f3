import { GrowthBookClient } from '@growthbook/growthbook';
import { FlagInput, RulesetSchema } from '@xp/contracts';
// Internal entry points of unleash-client: its evaluation without a server, polling or metrics.
import UnleashClient from 'unleash-client/lib/client';
import { defaultStrategies } from 'unleash-client/lib/strategy';
import { compileRuleset } from '../compile-ruleset';

export interface Agreement {
  readonly scenario: string;
  readonly units: number;
  readonly differences: number;
  /** How many units each answer got (so a test can see the split is not degenerate). */
  readonly answers: Record<string, number>;
  readonly firstDifferences: string[];
}

/** Unit ids: ASCII, Latin-1, CJK and astral characters, since both peers hash UTF-16 code units rather than UTF-8. */
export function unitId(i: number): string {
  switch (i % 5) {
    case 0:
      return `user-${i}`;
    case 1:
      return `${i}`;
    case 2:
      return `josé.${i}@example.com`;
    case 3:
      return `ユーザー${i}`;
    default:
      return `😀-${i}-${(i * 2654435761) >>> 0}`;
  }
}

const BOOL = [{ key: 'on', value: true }, { key: 'off', value: false }];
const ABC = ['a', 'b', 'c', 'off'].map((key) => ({ key, value: key }));

interface Scenario {
  name: string;
  flag: FlagInput;
  peer: (unit: string, i: number) => string;
  attributes?: (i: number) => Record<string, unknown>;
}

function unleashScenarios(): Scenario[] {
  const features: Record<string, unknown> = {
    rollout: {
      name: 'rollout', enabled: true, variants: [],
      strategies: [{ name: 'flexibleRollout', parameters: { rollout: '37', stickiness: 'default', groupId: 'rollout' }, constraints: [] }],
    },
    split: {
      name: 'split', enabled: true, variants: [],
      strategies: [{
        name: 'flexibleRollout', parameters: { rollout: '60', stickiness: 'default', groupId: 'checkout-group' }, constraints: [],
        variants: [
          { name: 'a', weight: 333, weightType: 'variable', stickiness: 'default' },
          { name: 'b', weight: 333, weightType: 'variable', stickiness: 'default' },
          { name: 'c', weight: 334, weightType: 'variable', stickiness: 'default' },
        ],
      }],
    },
    legacy: {
      name: 'legacy', enabled: true,
      strategies: [{ name: 'default', parameters: {}, constraints: [] }],
      variants: [
        { name: 'a', weight: 200, weightType: 'variable', stickiness: 'accountId' },
        { name: 'b', weight: 800, weightType: 'variable', stickiness: 'accountId' },
      ],
    },
  };
  const client = new UnleashClient({ getToggle: (name: string) => features[name], getSegment: () => undefined } as never, defaultStrategies);
  const account = (i: number) => `acct-${i % 977}`;
  return [
    {
      name: 'unleash gradual rollout 37% (flexibleRollout, default stickiness)',
      flag: { key: 'rollout', valueType: 'boolean', variants: BOOL, offVariant: 'off', enabled: true, salt: 'rollout', hashing: 'unleash',
        rules: [{ id: 'flexible', rollout: 37, weights: [{ variant: 'on', weight: 10000 }] }] },
      peer: (unit) => (client.isEnabled('rollout', { userId: unit }, () => false) ? 'on' : 'off'),
    },
    {
      name: 'unleash strategy variants 333/333/334 behind a 60% rollout of group checkout-group',
      flag: { key: 'split', valueType: 'string', variants: ABC, offVariant: 'off', enabled: true, salt: 'checkout-group', hashing: 'unleash',
        rules: [{ id: 'strategy', rollout: 60, weights: [{ variant: 'a', weight: 3330 }, { variant: 'b', weight: 3330 }, { variant: 'c', weight: 3340 }] }] },
      peer: (unit) => {
        const v = client.getVariant('split', { userId: unit });
        return v.enabled ? v.name : 'off';
      },
    },
    {
      name: 'unleash feature variants 200/800 sticky on accountId',
      flag: { key: 'legacy', valueType: 'string', variants: ABC, offVariant: 'off', enabled: true, salt: 'legacy', hashing: 'unleash',
        rules: [{ id: 'default', hashAttribute: 'accountId', weights: [{ variant: 'a', weight: 2000 }, { variant: 'b', weight: 8000 }] }] },
      attributes: (i) => ({ accountId: account(i) }),
      peer: (unit, i) => {
        const v = client.getVariant('legacy', { userId: unit, properties: { accountId: account(i) } });
        return v.enabled ? v.name : 'off';
      },
    },
  ];
}

function growthbookScenarios(version: 1 | 2): Scenario[] {
  const features = {
    [`gb${version}-rollout`]: { defaultValue: false, rules: [{ force: true, coverage: 0.37, hashVersion: version }] },
    [`gb${version}-experiment`]: {
      defaultValue: 'off',
      rules: [{ key: 'exp-1', seed: 'exp-seed', variations: ['a', 'b', 'c'], weights: [0.2, 0.3, 0.5], coverage: 0.9, hashVersion: version }],
    },
  };
  const client = new GrowthBookClient();
  client.initSync({ payload: { features } });
  const mode = version === 1 ? 'growthbook-v1' : 'growthbook-v2';
  return [
    {
      name: `${mode} gradual rollout (force rule, coverage 0.37)`,
      flag: { key: `gb${version}-rollout`, valueType: 'boolean', variants: BOOL, offVariant: 'off', enabled: true, salt: `gb${version}-rollout`, hashing: mode,
        rules: [{ id: 'force', rollout: 37, weights: [{ variant: 'on', weight: 10000 }] }] },
      peer: (unit) => (client.evalFeature(`gb${version}-rollout`, { attributes: { id: unit } }).value ? 'on' : 'off'),
    },
    {
      name: `${mode} experiment 0.2/0.3/0.5, coverage 0.9, seed exp-seed`,
      flag: { key: `gb${version}-experiment`, valueType: 'string', variants: ABC, offVariant: 'off', enabled: true, salt: `gb${version}-experiment`, hashing: mode,
        rules: [{ id: 'exp-1', salt: 'exp-seed', rollout: 90, weights: [{ variant: 'a', weight: 2000 }, { variant: 'b', weight: 3000 }, { variant: 'c', weight: 5000 }] }] },
      peer: (unit) => String(client.evalFeature(`gb${version}-experiment`, { attributes: { id: unit } }).value),
    },
  ];
}

/**
 * Our engine against the peer's own SDK for `units` unit ids per scenario. `forceXpHashing` is the control: the
 * same flags hashed the xp way must disagree with the peers, or the comparison proves nothing.
 */
export function comparePeers(units: number, forceXpHashing = false): Agreement[] {
  const scenarios = [...unleashScenarios(), ...growthbookScenarios(1), ...growthbookScenarios(2)];
  return scenarios.map((scenario) => {
    const flag = forceXpHashing ? { ...scenario.flag, hashing: 'xp' as const } : scenario.flag;
    const evaluator = compileRuleset(RulesetSchema.parse({ version: 1, flags: [flag] }));
    const answers: Record<string, number> = {};
    const firstDifferences: string[] = [];
    let differences = 0;
    for (let i = 0; i < units; i++) {
      const unit = unitId(i);
      const ours = evaluator.evaluateFlag(scenario.flag.key, unit, scenario.attributes?.(i) ?? null).variant ?? 'error';
      const theirs = scenario.peer(unit, i);
      answers[ours] = (answers[ours] ?? 0) + 1;
      if (ours !== theirs) {
        differences++;
        if (firstDifferences.length < 5) firstDifferences.push(`${unit}: xp ${ours}, peer ${theirs}`);
      }
    }
    return { scenario: scenario.name, units, differences, answers, firstDifferences };
  });
}
