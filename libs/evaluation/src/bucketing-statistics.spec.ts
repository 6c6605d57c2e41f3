import cdf from '@stdlib/stats-base-dists-chisquare-cdf';
import { ExperimentInput, FlagInput, RulesetSchema } from '@xp/contracts';
import { compileRuleset, Evaluator } from './compile-ruleset';

const UNITS = 1_000_000;
const unitId = (i: number) => `user-${i}`;
const P_MIN = 0.001;

function chiSquareGoodnessOfFit(observed: number[], expectedShares: number[]): number {
  const total = observed.reduce((a, b) => a + b, 0);
  const statistic = observed.reduce((sum, o, i) => sum + (o - total * expectedShares[i]) ** 2 / (total * expectedShares[i]), 0);
  return 1 - cdf(statistic, observed.length - 1);
}

function chiSquareIndependence(table: number[][]): number {
  const rows = table.map((r) => r.reduce((a, b) => a + b, 0));
  const cols = table[0].map((_, j) => table.reduce((sum, r) => sum + r[j], 0));
  const total = rows.reduce((a, b) => a + b, 0);
  let statistic = 0;
  table.forEach((r, i) => r.forEach((o, j) => {
    const e = (rows[i] * cols[j]) / total;
    statistic += (o - e) ** 2 / e;
  }));
  return 1 - cdf(statistic, (rows.length - 1) * (cols.length - 1));
}

const variants = [{ key: 'a', value: 'a' }, { key: 'b', value: 'b' }, { key: 'c', value: 'c' }, { key: 'off', value: 'off' }];
const flag = (key: string, rules: FlagInput['rules']): FlagInput => ({ key, valueType: 'string', variants, offVariant: 'off', enabled: true, salt: `${key}-salt`, rules });
const splitFlag = (key: string, rollout: number) =>
  flag(key, [{ id: 'split', rollout, weights: [{ variant: 'a', weight: 2000 }, { variant: 'b', weight: 3000 }, { variant: 'c', weight: 5000 }] }]);
const experiment = (key: string, flagKey: string, layer: ExperimentInput['layer']): ExperimentInput => ({
  key, flagKey, layer, status: 'running', rolloutPercentage: 100, primaryMetric: 'conversion',
  variants: [{ key: 'a', weight: 5000, control: true }, { key: 'b', weight: 5000 }],
});
const compile = (input: unknown): Evaluator => compileRuleset(RulesetSchema.parse(input));

function variantsOf(evaluator: Evaluator, flagKey: string): string[] {
  const out = new Array<string>(UNITS);
  for (let i = 0; i < UNITS; i++) out[i] = evaluator.evaluateFlag(flagKey, unitId(i)).variant as string;
  return out;
}

describe('bucketing statistics over 1,000,000 synthetic units', () => {
  it('serves variant shares that pass a chi-square test against the 20/30/50 weights', () => {
    const served = variantsOf(compile({ version: 1, flags: [splitFlag('weights', 100)] }), 'weights');
    const counts = ['a', 'b', 'c'].map((v) => served.filter((s) => s === v).length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(UNITS);
    expect(chiSquareGoodnessOfFit(counts, [0.2, 0.3, 0.5])).toBeGreaterThan(P_MIN);
  });

  it('keeps every unit in its variant when the rollout rises from 10% to 50%, and lowering only removes units', () => {
    const at10 = variantsOf(compile({ version: 1, flags: [splitFlag('ramp', 10)] }), 'ramp');
    const at50 = variantsOf(compile({ version: 2, flags: [splitFlag('ramp', 50)] }), 'ramp');
    let inAt10 = 0;
    let inAt50 = 0;
    let moved = 0;
    for (let i = 0; i < UNITS; i++) {
      if (at10[i] !== 'off') inAt10++;
      if (at50[i] !== 'off') inAt50++;
      // Any unit served at 10% must be served the same variant at 50% (raising never moves, lowering only removes).
      if (at10[i] !== 'off' && at10[i] !== at50[i]) moved++;
    }
    expect(moved).toBe(0);
    expect(chiSquareGoodnessOfFit([inAt10, UNITS - inAt10], [0.1, 0.9])).toBeGreaterThan(P_MIN);
    expect(chiSquareGoodnessOfFit([inAt50, UNITS - inAt50], [0.5, 0.5])).toBeGreaterThan(P_MIN);
  });

  it('assigns independently in two different layers (chi-square on the contingency table)', () => {
    const evaluator = compile({
      version: 1,
      flags: [flag('x', [{ id: 'exp', experimentKey: 'exp-x' }]), flag('y', [{ id: 'exp', experimentKey: 'exp-y' }])],
      experiments: [experiment('exp-x', 'x', { key: 'layer-1', start: 0, end: 10000 }), experiment('exp-y', 'y', { key: 'layer-2', start: 0, end: 10000 })],
    });
    const table = [[0, 0], [0, 0]];
    for (let i = 0; i < UNITS; i++) {
      const [x, y] = evaluator.evaluate(unitId(i), {}, ['x', 'y']);
      table[x.variant === 'a' ? 0 : 1][y.variant === 'a' ? 0 : 1]++;
    }
    expect(table.flat().reduce((a, b) => a + b, 0)).toBe(UNITS);
    expect(chiSquareIndependence(table)).toBeGreaterThan(P_MIN);
  });

  it('never puts a unit in two experiments of the same layer, and splits the layer by its ranges', () => {
    const evaluator = compile({
      version: 1,
      flags: [flag('left', [{ id: 'exp', experimentKey: 'exp-left' }]), flag('right', [{ id: 'exp', experimentKey: 'exp-right' }])],
      experiments: [experiment('exp-left', 'left', { key: 'shared', start: 0, end: 3000 }), experiment('exp-right', 'right', { key: 'shared', start: 3000, end: 10000 })],
    });
    let both = 0;
    let left = 0;
    let right = 0;
    for (let i = 0; i < UNITS; i++) {
      const [l, r] = evaluator.evaluate(unitId(i), {}, ['left', 'right']);
      const inLeft = l.experiment?.inExperiment === true;
      const inRight = r.experiment?.inExperiment === true;
      if (inLeft && inRight) both++;
      if (inLeft) left++;
      if (inRight) right++;
    }
    expect(both).toBe(0);
    expect(left + right).toBe(UNITS);
    expect(chiSquareGoodnessOfFit([left, right], [0.3, 0.7])).toBeGreaterThan(P_MIN);
  });
});
