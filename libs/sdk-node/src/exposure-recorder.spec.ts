import { ExperimentSchema } from '@xp/contracts';
import { ExposureDedup } from './exposure-dedup';
import { ExposureRecorder } from './exposure-recorder';
import { ExposureItem, SdkEvaluationResult } from './sdk-types';
import { FakeClock } from './testing/fake-clock';

const experiment = ExperimentSchema.parse({
  key: 'pricing-exp', flagKey: 'pricing', unitAttribute: 'accountId', status: 'running',
  variants: [{ key: 'base', weight: 5000, control: true }, { key: 'discount', weight: 5000 }],
  layer: { key: 'shop', start: 0, end: 10000 }, primaryMetric: 'purchase', rolloutPolicy: { stages: [10, 50] }, currentStageIndex: 1,
});

const enrolled: SdkEvaluationResult = {
  flagKey: 'pricing', variant: 'discount', value: 1, reason: 'SPLIT',
  experiment: { key: 'pricing-exp', variant: 'discount', inExperiment: true },
};

function setup() {
  const items: ExposureItem[] = [];
  const recorder = new ExposureRecorder(new ExposureDedup({ maxSize: 10, ttlMs: 1000 }), new FakeClock(), (item) => items.push(item));
  recorder.useExperiments([experiment]);
  return { items, recorder };
}

describe('ExposureRecorder', () => {
  it('logs the unit id the experiment was keyed by (its unit attribute), with the current stage and percentage', () => {
    const { items, recorder } = setup();
    recorder.record(enrolled, 'user-1', { accountId: 'acct-9' });
    expect(items).toEqual([
      expect.objectContaining({ experimentKey: 'pricing-exp', flagKey: 'pricing', variant: 'discount', unit: 'acct-9', unitAttribute: 'accountId', stage: 1, percentage: 50 }),
    ]);
  });

  it('deduplicates on the attribute value, so two users of one account log one exposure', () => {
    const { items, recorder } = setup();
    recorder.record(enrolled, 'user-1', { accountId: 'acct-9' });
    recorder.record(enrolled, 'user-2', { accountId: 'acct-9' });
    expect(items).toHaveLength(1);
  });

  it('logs nothing for results outside a running experiment', () => {
    const { items, recorder } = setup();
    recorder.record({ ...enrolled, experiment: { key: 'pricing-exp', variant: 'discount', inExperiment: false } }, 'u', { accountId: 'a' });
    recorder.record({ flagKey: 'x', variant: 'on', value: true, reason: 'TARGETING_MATCH' }, 'u', {});
    expect(items).toEqual([]);
  });
});
