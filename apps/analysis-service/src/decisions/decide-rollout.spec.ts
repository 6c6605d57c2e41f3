import type { ExperimentInput, Metric } from '@xp/contracts';
import type { ExperimentStatistics } from '../analysis/experiment-statistics';
import { testExperiment, testMetric } from '../experiments/test-fixtures';
import { computeExperimentResults } from '../results/compute-experiment-results';
import { binomialArm, ratioArmFromUnits, statisticsOf } from '../testing/arm-statistics';
import { decideRollout } from './decide-rollout';

const started = new Date('2025-01-01T00:00:00Z');
const later = new Date('2025-01-01T02:00:00Z'); // 2 h: beyond the fixtures' 1 h minimum duration
const policy = { stages: [10, 50, 100], minUnitsPerStage: 100, minDurationPerStage: 3600, method: 'sequential' as const };

const purchase = testMetric();
const crashes = testMetric({ key: 'crashes', eventName: 'crash', direction: 'decrease' });

/** Results computed by the real pipeline from arm statistics, then the decision on them. */
function decide(overrides: Partial<ExperimentInput>, statistics: ExperimentStatistics, metrics: Metric[] = [purchase, crashes], now = later, stageStart: Date | null = started) {
  const stageStartedAt = stageStart ?? undefined;
  const experiment = testExperiment({ rolloutPolicy: policy, ...overrides });
  const results = computeExperimentResults({ experiment, metrics: Object.fromEntries(metrics.map((m) => [m.key, m])), statistics, stageStartedAt, now });
  return { decision: decideRollout({ experiment, results, stageStartedAt, now }), results };
}

const winning = statisticsOf({ purchase: { control: binomialArm(1000, 100), treatment: binomialArm(1000, 200) } }, { control: 1000, treatment: 1000 });
const flat = statisticsOf({ purchase: { control: binomialArm(1000, 100), treatment: binomialArm(1000, 104) } }, { control: 1000, treatment: 1000 });

describe('decideRollout', () => {
  it('advances when the primary metric is significantly better and the stage minimum units and time are met', () => {
    const { decision } = decide({}, winning);
    expect(decision).toMatchObject({ kind: 'ADVANCE', stageIndex: 0, percentage: 10, nextStageIndex: 1, nextPercentage: 50 });
  });

  it('ships at the last stage and names the winner', () => {
    const { decision } = decide({ currentStageIndex: 2 }, winning);
    expect(decision).toMatchObject({ kind: 'SHIP', stageIndex: 2, percentage: 100, winner: 'treatment' });
    expect(decision?.nextStageIndex).toBeUndefined();
  });

  it('holds on a sample ratio mismatch (sequential test) even when the primary metric wins', () => {
    const skewed = statisticsOf({ purchase: { control: binomialArm(1000, 100), treatment: binomialArm(1300, 260) } }, { control: 1000, treatment: 1300 });
    const { decision, results } = decide({}, skewed);
    expect(results.srm).toMatchObject({ method: 'sequential', mismatch: true });
    expect(decision?.kind).toBe('HOLD');
    expect(decision?.reason).toContain('sample ratio mismatch');
  });

  it('takes no decision when the primary metric is not shown better by the sequence', () => {
    expect(decide({}, flat).decision).toBeNull();
  });

  it('takes no decision when the primary metric is significantly worse', () => {
    const worse = statisticsOf({ purchase: { control: binomialArm(1000, 200), treatment: binomialArm(1000, 100) } }, { control: 1000, treatment: 1000 });
    expect(decide({}, worse).decision).toBeNull();
  });

  it('treats a decrease as better for a metric whose good direction is decrease', () => {
    const fewer = statisticsOf({ crashes: { control: binomialArm(1000, 200), treatment: binomialArm(1000, 100) } }, { control: 1000, treatment: 1000 });
    expect(decide({ primaryMetric: 'crashes' }, fewer).decision?.kind).toBe('ADVANCE');
  });

  it('waits for the stage minimum units and the stage minimum duration, and when the stage start is unknown', () => {
    const few = statisticsOf({ purchase: { control: binomialArm(1000, 100), treatment: binomialArm(1000, 200) } }, { control: 1000, treatment: 1000 });
    few.units.control.stageUnits = 40;
    few.units.treatment.stageUnits = 59;
    expect(decide({}, few).decision).toBeNull();
    expect(decide({}, winning, undefined, new Date(started.getTime() + 3_599_000)).decision).toBeNull();
    expect(decide({}, winning, undefined, later, null).decision).toBeNull();
  });

  it('still advances when the policy requires approval (deployment-service holds it)', () => {
    expect(decide({ rolloutPolicy: { ...policy, requiresApproval: true } }, winning).decision?.kind).toBe('ADVANCE');
  });

  it('decides a bayesian policy with the sequential test: a high chance to win alone does not advance', () => {
    // 100 vs 135 of 1000: the posterior is confident, the confidence sequence is not yet.
    const promising = statisticsOf({ purchase: { control: binomialArm(1000, 100), treatment: binomialArm(1000, 135) } }, { control: 1000, treatment: 1000 });
    const { decision, results } = decide({ rolloutPolicy: { ...policy, method: 'bayesian' } }, promising);
    const comparison = results.metrics[0].comparisons[0];
    expect(comparison.bayesian!.chanceToWin).toBeGreaterThan(0.95);
    expect(comparison.absolute!.ci[0]).toBeLessThan(0);
    expect(decision).toBeNull();
    expect(decide({ rolloutPolicy: { ...policy, method: 'bayesian' } }, winning).decision?.kind).toBe('ADVANCE');
  });
});

describe('decideRollout on the cases the review found', () => {
  it('rolls back on crashes 0/300 in control vs 60/300 in treatment (control mean 0)', () => {
    const statistics = statisticsOf(
      { purchase: { control: binomialArm(300, 30), treatment: binomialArm(300, 30) }, crashes: { control: binomialArm(300, 0), treatment: binomialArm(300, 60) } },
      { control: 300, treatment: 300 },
    );
    const { decision, results } = decide({ guardrailMetrics: [{ metricKey: 'crashes', maxRegression: 0.1 }] }, statistics);
    const check = results.metrics[1].comparisons[0];
    expect(check.relative).toBeNull();
    expect(check.guardrail).toMatchObject({ regression: true, nonInferior: false });
    expect(decision?.kind).toBe('ROLLBACK');
    expect(decision?.reason).toContain('crashes');
  });

  it('does not roll back when an arm has 0 conversions early on (no certainty from zero variance)', () => {
    const statistics = statisticsOf(
      { purchase: { control: binomialArm(40, 2), treatment: binomialArm(40, 0) }, crashes: { control: binomialArm(40, 0), treatment: binomialArm(40, 1) } },
      { control: 40, treatment: 40 },
    );
    const { decision, results } = decide({ guardrailMetrics: [{ metricKey: 'purchase', maxRegression: 0.02 }], primaryMetric: 'crashes' }, statistics);
    const purchaseCheck = results.metrics[1].comparisons[0];
    expect(purchaseCheck.absolute!.se).toBeGreaterThan(0);
    expect(purchaseCheck.guardrail!.regression).toBe(false);
    expect(decision).toBeNull();
  });

  it('rolls back a release 29 % slower per request that halves the requests of heavy users (ratio metric)', () => {
    // 400 units per arm; heavy users (every 4th) send 40 requests, others 10; each request ~200 ms.
    const units = (slow: number, heavyRequests: number) => {
      const requests = Array.from({ length: 400 }, (_, i) => (i % 4 === 0 ? heavyRequests : 10));
      const latency = requests.map((r, i) => r * 200 * slow * (0.9 + 0.2 * ((i * 7919) % 100) / 100));
      return ratioArmFromUnits(latency, requests);
    };
    const latency = testMetric({ key: 'latency', eventName: 'request', kind: 'ratio', valueProperty: 'ms', denominator: { eventName: 'request' }, direction: 'decrease' });
    const statistics = statisticsOf(
      { purchase: { control: binomialArm(400, 40), treatment: binomialArm(400, 40) }, latency: { control: units(1, 40), treatment: units(1.29, 20) } },
      { control: 400, treatment: 400 },
    );
    // The per-unit total (what `mean` used to be) is lower in treatment: it looked 14 % faster.
    const perUnitTotal = (arm: { sum: number; n: number }) => arm.sum / arm.n;
    expect(perUnitTotal(statistics.metrics.latency.treatment)).toBeLessThan(perUnitTotal(statistics.metrics.latency.control));

    const { decision, results } = decide({ guardrailMetrics: [{ metricKey: 'latency', maxRegression: 0.1 }] }, statistics, [purchase, latency]);
    expect(results.metrics[1].comparisons[0].relative!.estimate).toBeCloseTo(0.29, 2);
    expect(decision?.kind).toBe('ROLLBACK');
  });

  it('ships the treatment that is significantly better in the metric direction, not the largest lift', () => {
    const statistics = statisticsOf(
      { crashes: { control: binomialArm(2000, 200), a: binomialArm(2000, 100), b: binomialArm(2000, 210) } },
      { control: 2000, a: 2000, b: 2000 },
    );
    const variants = [
      { key: 'control', weight: 3334, control: true },
      { key: 'a', weight: 3333 },
      { key: 'b', weight: 3333 },
    ];
    const { decision } = decide({ variants, primaryMetric: 'crashes', currentStageIndex: 2 }, statistics);
    expect(decision).toMatchObject({ kind: 'SHIP', winner: 'a' });
  });

  it('ships a neutral, harmless release in safe mode, stage after stage', () => {
    const safe = { ...policy, advanceOn: 'safe' as const, minUnitsPerStage: 1000 };
    let stage = 0;
    const kinds: string[] = [];
    for (let step = 1; step <= 10 && kinds.at(-1) !== 'SHIP'; step += 1) {
      const n = 20_000 * step;
      const statistics = statisticsOf(
        { purchase: { control: binomialArm(n, n / 5), treatment: binomialArm(n, n / 5) }, crashes: { control: binomialArm(n, n / 50), treatment: binomialArm(n, n / 50) } },
        { control: n, treatment: n },
      );
      const { decision } = decide({ rolloutPolicy: safe, currentStageIndex: stage, guardrailMetrics: [{ metricKey: 'crashes', maxRegression: 0.2 }] }, statistics);
      if (!decision) continue;
      kinds.push(decision.kind);
      if (decision.kind === 'ADVANCE') stage = decision.nextStageIndex!;
    }
    expect(kinds).toEqual(['ADVANCE', 'ADVANCE', 'SHIP']);
  });

  it('in safe mode, waits while a guardrail is not yet shown non-inferior and never ships a treatment worse on the primary', () => {
    const safe = { ...policy, advanceOn: 'safe' as const, minUnitsPerStage: 100 };
    const guardrailMetrics = [{ metricKey: 'crashes', maxRegression: 0.2 }];
    const small = statisticsOf(
      { purchase: { control: binomialArm(500, 100), treatment: binomialArm(500, 100) }, crashes: { control: binomialArm(500, 10), treatment: binomialArm(500, 10) } },
      { control: 500, treatment: 500 },
    );
    expect(decide({ rolloutPolicy: safe, guardrailMetrics }, small).decision).toBeNull();

    const n = 200_000;
    const worsePrimary = statisticsOf(
      { purchase: { control: binomialArm(n, n / 5), treatment: binomialArm(n, n / 6) }, crashes: { control: binomialArm(n, n / 50), treatment: binomialArm(n, n / 50) } },
      { control: n, treatment: n },
    );
    expect(decide({ rolloutPolicy: safe, guardrailMetrics, currentStageIndex: 2 }, worsePrimary).decision).toBeNull();
  });
});
