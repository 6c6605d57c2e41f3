import { ExperimentSchema } from '@xp/contracts';
import { DedupWindow } from '@xp/evaluation';
import { ExposureRecorder } from './exposure-recorder';
import type { ItemRejection } from './item-issues';
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
  const rejections: ItemRejection[] = [];
  const clock = new FakeClock();
  const recorder = new ExposureRecorder(new DedupWindow(10, 1000, () => clock.now()), clock, (item) => items.push(item), (r) => rejections.push(r));
  recorder.useExperiments([experiment]);
  return { items, rejections, recorder };
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

  it("reports an exposure off the contract (a unit attribute longer than a unit id) instead of queueing it, and logs the next one again", () => {
    const { items, rejections, recorder } = setup();
    const long = 'a'.repeat(300);
    recorder.record(enrolled, 'user-1', { accountId: long });
    expect(items).toEqual([]);
    expect(rejections).toEqual([{ item: expect.objectContaining({ unit: long }), errors: [expect.objectContaining({ path: 'unit' })] }]);
    recorder.record(enrolled, 'user-1', { accountId: long });
    expect(rejections).toHaveLength(2);
  });
});
