import { draftRequests, parseStages, type ExperimentDraft } from './experiment-draft';

const draft: ExperimentDraft = {
  key: 'checkout',
  hypothesis: 'faster checkout converts better',
  control: { key: 'blue', value: 'v1' },
  treatment: { key: 'green', value: 'v2' },
  treatmentShare: 30,
  primaryMetric: 'purchase',
  guardrail: { metricKey: 'latency', maxRegression: 0.1 },
  policy: { stages: [1, 50, 100], minUnitsPerStage: 50, minDurationPerStage: 4, alpha: 0.05, advanceOn: 'win', requiresApproval: false },
  service: 'checkout-web',
};

describe('draftRequests', () => {
  it('makes a flag the experiment drives, weights in basis points, control first, and the blue/green record', () => {
    const r = draftRequests(draft);
    expect(r.flag).toMatchObject({ key: 'checkout-flag', offVariant: 'blue', enabled: true, variants: [{ key: 'blue', value: 'v1' }, { key: 'green', value: 'v2' }] });
    expect(r.experiment).toMatchObject({
      flagKey: 'checkout-flag',
      variants: [{ key: 'blue', weight: 7000, control: true }, { key: 'green', weight: 3000 }],
      guardrailMetrics: [{ metricKey: 'latency', maxRegression: 0.1 }],
      rolloutPolicy: { stages: [1, 50, 100], method: 'sequential' },
    });
    expect(r.flagWithRule.rules).toEqual([{ id: 'experiment', experimentKey: 'checkout' }]);
    expect(r.deployment).toEqual({ experimentKey: 'checkout', service: 'checkout-web', blueVersion: 'v1', greenVersion: 'v2' });
  });

  it('registers no deployment without a service', () => {
    expect(draftRequests({ ...draft, service: undefined }).deployment).toBeUndefined();
  });
});

describe('parseStages', () => {
  it('reads comma or space separated percentages and refuses anything else', () => {
    expect(parseStages('1, 5 10,100')).toEqual([1, 5, 10, 100]);
    expect(parseStages('1, five')).toBeUndefined();
    expect(parseStages('')).toBeUndefined();
  });
});
