import { BUCKET_COUNT, ExperimentSchema, GENERAL_ARM, HOLDOUT_ARM, holdoutExposureKey, type Experiment, type Holdout } from '@xp/contracts';

/**
 * A holdout's analysis as an experiment of two arms, so that it goes through the same statistics as
 * every experiment (sequential test, CUPED, SRM): `holdout` (the control: the held-out units) against
 * `general` (an equal-sized random sample of the others, who get everything shipped), on the
 * holdout's metrics (the first is the primary). Its key is the one its exposures are logged under
 * (`holdout:<key>`). The arms' weights are their expected shares, for the SRM check: equal while
 * p ≤ 50 %, p against 100 - p above.
 */
export function holdoutAsExperiment(holdout: Holdout): Experiment | undefined {
  const [primaryMetric, ...secondaryMetrics] = holdout.metrics;
  if (primaryMetric === undefined) return undefined;
  const held = Math.round(holdout.percentage * 100);
  const heldWeight = held <= BUCKET_COUNT / 2 ? BUCKET_COUNT / 2 : held;
  const experiment = ExperimentSchema.parse({
    key: holdout.key,
    flagKey: holdout.flagKeys[0] ?? holdout.key,
    environment: holdout.environment,
    hypothesis: holdout.description,
    variants: [
      { key: HOLDOUT_ARM, weight: heldWeight, control: true },
      { key: GENERAL_ARM, weight: BUCKET_COUNT - heldWeight },
    ],
    layer: { key: holdout.key, start: 0, end: BUCKET_COUNT },
    primaryMetric,
    secondaryMetrics,
    status: 'running',
    rolloutPolicy: { stages: [100] },
  });
  return { ...experiment, key: holdoutExposureKey(holdout.key) };
}
