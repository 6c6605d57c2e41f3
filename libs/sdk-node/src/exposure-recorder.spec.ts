import { ExperimentSchema, HoldoutSchema } from '@xp/contracts';
import { bucketOf, DedupWindow } from '@xp/evaluation';
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
  recorder.useRuleset({ experiments: [experiment], holdouts: [] });
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

  it("logs a unit of a holdout's arms once when it evaluates a covered flag, as assignment-service does", () => {
    const items: ExposureItem[] = [];
    const clock = new FakeClock();
    const recorder = new ExposureRecorder(new DedupWindow(1000, 60_000, () => clock.now()), clock, (item) => items.push(item));
    recorder.useRuleset({ experiments: [], holdouts: [HoldoutSchema.parse({ key: 'long-term', salt: 'lt', percentage: 30, flagKeys: ['pricing'] })] });
    const pricing: SdkEvaluationResult = { flagKey: 'pricing', variant: 'base', value: 0, reason: 'DEFAULT' };
    const other: SdkEvaluationResult = { flagKey: 'other', variant: 'on', value: true, reason: 'TARGETING_MATCH' };
    const units = Array.from({ length: 50 }, (_, i) => `user-${i}`);
    for (const unit of units) recorder.recordHoldouts([other, pricing], unit);
    for (const unit of units) recorder.recordHoldouts([pricing], unit);
    for (const unit of units) recorder.recordHoldouts([other], unit);
    const armOf = (unit: string) => (bucketOf('lt', unit) < 3000 ? 'holdout' : bucketOf('lt', unit) < 6000 ? 'general' : null);
    const expected = units.filter((u) => armOf(u) !== null);
    expect(items.map((i) => [i.experimentKey, i.flagKey, i.unit, i.variant, i.percentage])).toEqual(
      expected.map((unit) => ['holdout:long-term', 'pricing', unit, armOf(unit), 30]),
    );
    expect(new Set(items.map((i) => i.variant))).toEqual(new Set(['holdout', 'general']));
  });
});
