import { seededUniform } from '@xp/stats';
import { ExperimentSchema, MetricSchema, type Experiment, type ExperimentInput, type Metric } from '@xp/contracts';
import type { ArmStatistics, ExperimentStatistics } from '../analysis/experiment-statistics';
import { decideRollout } from '../decisions/decide-rollout';
import { computeExperimentResults } from '../results/compute-experiment-results';

/**
 * Seeded A/A experiments run through the real decision code as production runs it: units arrive
 * evenly between `looks` analyses, every analysis computes the results from the sufficient
 * statistics (computeExperimentResults) and applies the policy (decideRollout), and an ADVANCE
 * moves the experiment to its next stage. There is no true difference, so every ADVANCE or SHIP
 * in win mode, every ROLLBACK and every HOLD is a false alarm.
 */
export type MetricShape = 'binomial-2%' | 'binomial-5%' | 'revenue-3%-buyers';

export interface Scenario {
  shape: MetricShape;
  looks: number;
  treatments: number;
  method: 'sequential' | 'bayesian';
  runs: number;
  /** Units (all variants) by the last look. */
  units: number;
  /** N* of the sequence; the policy's plannedUnits. */
  plannedUnits: number;
  seed: number;
}

export interface FalseAlarms {
  /** Runs with any ADVANCE or SHIP in win mode. */
  advance: number;
  /** Runs with any ROLLBACK (win mode; safe mode sees the same guardrail tests). */
  rollback: number;
  /** Runs with any ROLLBACK in safe mode, and runs that reached SHIP in safe mode (neutral: it should). */
  safeRollback: number;
  safeShipped: number;
  /** Runs with any HOLD (sample ratio mismatch). */
  hold: number;
}

/** One unit's value: a conversion, or revenue from a lognormal basket for 3 % of units. */
function valueDrawer(shape: MetricShape, uniform: () => number): () => number {
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  switch (shape) {
    case 'binomial-2%':
      return () => (uniform() < 0.02 ? 1 : 0);
    case 'binomial-5%':
      return () => (uniform() < 0.05 ? 1 : 0);
    case 'revenue-3%-buyers':
      // Heavy right tail: median basket 40, mean about 80.
      return () => (uniform() < 0.03 ? Math.exp(Math.log(40) + 1.2 * normal()) : 0);
  }
}

const emptyArm = (): ArmStatistics => ({ n: 0, sum: 0, sumSquares: 0, covariateSum: 0, covariateSumSquares: 0, sumProducts: 0 });

function add(arm: ArmStatistics, value: number): void {
  arm.n += 1;
  arm.sum += value;
  arm.sumSquares += value * value;
}

export function simulateAA(s: Scenario): FalseAlarms {
  const uniform = seededUniform(s.seed, '(0,1)');
  const draw = valueDrawer(s.shape, uniform);
  const kind = s.shape.startsWith('binomial') ? 'binomial' : 'sum';
  const metrics: Record<string, Metric> = {
    goal: MetricSchema.parse({ key: 'goal', eventName: 'goal', kind, ...(kind === 'sum' ? { valueProperty: 'value' } : {}) }),
    guard: MetricSchema.parse({ key: 'guard', eventName: 'guard', kind, ...(kind === 'sum' ? { valueProperty: 'value' } : {}) }),
  };
  const variants = ['control', ...Array.from({ length: s.treatments }, (_, i) => `t${i + 1}`)];
  const weights = variants.map((_, i) => Math.floor(10_000 / variants.length) + (i < 10_000 % variants.length ? 1 : 0));
  const parsed = new Map<string, Experiment>();
  const experimentFor = (advanceOn: 'win' | 'safe', stageIndex: number): Experiment => {
    const key = `${advanceOn}:${stageIndex}`;
    if (!parsed.has(key)) parsed.set(key, parseExperiment(advanceOn, stageIndex));
    return parsed.get(key)!;
  };
  const parseExperiment = (advanceOn: 'win' | 'safe', stageIndex: number): Experiment =>
    ExperimentSchema.parse({
      key: 'aa',
      flagKey: 'aa',
      variants: variants.map((key, i) => ({ key, weight: weights[i], control: i === 0 })),
      layer: { key: 'aa', start: 0, end: 10_000 },
      primaryMetric: 'goal',
      guardrailMetrics: [{ metricKey: 'guard', maxRegression: 0.02 }],
      status: 'running',
      currentStageIndex: stageIndex,
      rolloutPolicy: { minUnitsPerStage: 0, minDurationPerStage: 0, alpha: 0.05, method: s.method, advanceOn, plannedUnits: s.plannedUnits },
    } satisfies ExperimentInput);
  const alarms: FalseAlarms = { advance: 0, rollback: 0, safeRollback: 0, safeShipped: 0, hold: 0 };
  const now = new Date('2026-01-02T00:00:00Z');
  const stageStartedAt = new Date('2026-01-01T00:00:00Z');

  for (let run = 0; run < s.runs; run += 1) {
    const goal = variants.map(emptyArm);
    const guard = variants.map(emptyArm);
    const seen = { advance: false, rollback: false, safeRollback: false, safeShipped: false, hold: false };
    let winStage = 0;
    let safeStage = 0;
    let units = 0;
    for (let look = 1; look <= s.looks; look += 1) {
      for (const target = Math.round((s.units * look) / s.looks); units < target; units += 1) {
        const v = Math.floor(uniform() * variants.length);
        add(goal[v], draw());
        add(guard[v], draw());
      }
      const statistics: ExperimentStatistics = {
        units: Object.fromEntries(variants.map((key, i) => [key, { units: goal[i].n, excluded: 0, stageUnits: goal[i].n }])),
        metrics: { goal: Object.fromEntries(variants.map((key, i) => [key, goal[i]])), guard: Object.fromEntries(variants.map((key, i) => [key, guard[i]])) },
      };
      const win = experimentFor('win', winStage);
      const results = computeExperimentResults({ experiment: win, metrics, statistics, stageStartedAt, now });
      const decision = seen.rollback ? null : decideRollout({ experiment: win, results, stageStartedAt, now });
      if (decision?.kind === 'HOLD') seen.hold = true;
      if (decision?.kind === 'ROLLBACK') seen.rollback = true;
      if (decision?.kind === 'ADVANCE' || decision?.kind === 'SHIP') seen.advance = true;
      if (decision?.kind === 'ADVANCE') winStage = decision.nextStageIndex!;
      if (!seen.safeRollback && !seen.safeShipped) {
        const safe = experimentFor('safe', safeStage);
        const safeDecision = decideRollout({ experiment: safe, results, stageStartedAt, now });
        if (safeDecision?.kind === 'ROLLBACK') seen.safeRollback = true;
        if (safeDecision?.kind === 'SHIP') seen.safeShipped = true;
        if (safeDecision?.kind === 'ADVANCE') safeStage = safeDecision.nextStageIndex!;
      }
      if (seen.rollback && seen.advance && seen.hold && (seen.safeRollback || seen.safeShipped)) break;
    }
    for (const key of Object.keys(alarms) as (keyof FalseAlarms)[]) if (seen[key]) alarms[key] += 1;
  }
  return alarms;
}
