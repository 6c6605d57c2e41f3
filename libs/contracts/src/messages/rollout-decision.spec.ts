import { rolloutDecisionDataSchema } from './rollout-decision';

const valid = {
  decisionId: 'checkout:stage-1:2026-01-02T00:00:00Z',
  experimentKey: 'checkout',
  kind: 'ADVANCE',
  stageIndex: 1,
  percentage: 10,
  nextStageIndex: 2,
  nextPercentage: 25,
  reason: 'no guardrail regressed; primary metric not significant yet',
  method: 'sequential',
  evidence: {
    unitsPerVariant: { control: 5012, treatment: 4988 },
    metrics: [
      { metricKey: 'conversion', variant: 'treatment', controlVariant: 'control', lift: 0.031, interval: { lower: -0.01, upper: 0.07 }, pValue: 0.14 },
      { metricKey: 'latency', variant: 'treatment', controlVariant: 'control', lift: -0.002, chanceToWin: 0.61, guardrail: true },
    ],
    srmPValue: 0.81,
  },
  policy: { stages: [1, 10, 25, 50, 100], alpha: 0.05 },
};

describe('rollout.decision data', () => {
  it('accepts a decision with its evidence and policy snapshot', () => {
    expect(rolloutDecisionDataSchema.parse(valid)).toEqual(valid);
  });

  it('accepts a terminal decision without a next stage', () => {
    const { nextStageIndex: _n, nextPercentage: _p, ...ship } = { ...valid, kind: 'SHIP' };
    expect(rolloutDecisionDataSchema.safeParse(ship).success).toBe(true);
  });

  const metric = valid.evidence.metrics[0];
  it.each([
    ['an unknown kind', { kind: 'PAUSE' }],
    ['an unknown method', { method: 'frequentist' }],
    ['an empty reason', { reason: '' }],
    ['a percentage above 100', { percentage: 150 }],
    ['a negative unit count', { evidence: { ...valid.evidence, unitsPerVariant: { control: -1 } } }],
    ['a p-value above 1', { evidence: { ...valid.evidence, metrics: [{ ...metric, pValue: 1.2 }] } }],
    ['an interval whose lower bound exceeds its upper bound', { evidence: { ...valid.evidence, metrics: [{ ...metric, interval: { lower: 1, upper: 0 } }] } }],
    ['a non-finite lift', { evidence: { ...valid.evidence, metrics: [{ ...metric, lift: Number.NaN }] } }],
    ['a missing policy', { policy: undefined }],
  ])('rejects %s', (_label, patch) => {
    expect(rolloutDecisionDataSchema.safeParse({ ...valid, ...patch }).success).toBe(false);
  });
});
