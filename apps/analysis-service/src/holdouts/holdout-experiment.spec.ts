import { HoldoutSchema, type HoldoutInput } from '@xp/contracts';
import { holdoutAsExperiment } from './holdout-experiment';

const holdout = (input: Partial<HoldoutInput> = {}) =>
  HoldoutSchema.parse({ key: 'long-term', salt: 's', percentage: 5, flagKeys: ['checkout'], metrics: ['orders', 'revenue'], description: 'all of it', ...input });

describe('holdoutAsExperiment', () => {
  it('is an experiment of two arms under the key its exposures are logged with, the held-out units as control', () => {
    const experiment = holdoutAsExperiment(holdout())!;
    expect(experiment).toMatchObject({
      key: 'holdout:long-term',
      environment: 'production',
      hypothesis: 'all of it',
      status: 'running',
      primaryMetric: 'orders',
      secondaryMetrics: ['revenue'],
      guardrailMetrics: [],
      variants: [
        { key: 'holdout', weight: 5000, control: true },
        { key: 'general', weight: 5000, control: false },
      ],
    });
  });

  it.each([
    [5, 5000, 5000],
    [50, 5000, 5000],
    [70, 7000, 3000],
    [100, 10_000, 0],
  ])('with %d %% held out, weighs the arms %d : %d (their expected shares, for the SRM check)', (percentage, held, general) => {
    expect(holdoutAsExperiment(holdout({ percentage }))!.variants.map((v) => v.weight)).toEqual([held, general]);
  });

  it('is nothing to analyse without metrics', () => {
    expect(holdoutAsExperiment(holdout({ metrics: [] }))).toBeUndefined();
  });
});
