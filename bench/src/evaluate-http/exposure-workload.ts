import { ExperimentSchema, FlagSchema, RulesetSchema, type Experiment, type Flag, type Ruleset } from '@xp/contracts';
import { seededUniform } from '@xp/stats';
import { makeProfiles, makeRuleset } from '../evaluation/workload';

/** Running experiments added to the 50 bench flags on the exposure path; each enrols every unit. */
export const EXPERIMENT_COUNT = 2;

function experimentFlag(i: number): Flag {
  return FlagSchema.parse({
    key: `experiment-flag-${i}`, valueType: 'string', enabled: true, salt: `experiment-flag-${i}`, offVariant: 'control',
    variants: [{ key: 'control', value: 'old' }, { key: 'treatment', value: 'new' }],
    rules: [{ id: 'experiment', experimentKey: `bench-experiment-${i}` }],
  });
}

function experiment(i: number): Experiment {
  return ExperimentSchema.parse({
    key: `bench-experiment-${i}`, flagKey: `experiment-flag-${i}`, status: 'running', rolloutPercentage: 100,
    variants: [{ key: 'control', weight: 5000, control: true }, { key: 'treatment', weight: 5000 }],
    // One layer each, so a unit is in both and every request logs EXPERIMENT_COUNT exposures.
    layer: { key: `bench-layer-${i}`, start: 0, end: 10000 }, primaryMetric: 'purchase',
  });
}

/** The 50-flag workload plus EXPERIMENT_COUNT running experiments on flags of their own. */
export function makeExposureRuleset(): Ruleset {
  const base = makeRuleset();
  return RulesetSchema.parse({
    ...base,
    flags: [...base.flags, ...Array.from({ length: EXPERIMENT_COUNT }, (_, i) => experimentFlag(i))],
    experiments: Array.from({ length: EXPERIMENT_COUNT }, (_, i) => experiment(i)),
  });
}

/**
 * Bodies for the exposure path: a unit never sent before (this run's prefix, a counter) with attributes of
 * its own (a profile varied per unit: age, email, beta), so no request is deduplicated and the dedup
 * window (100,000 keys) fills up and evicts after 50,000 requests.
 */
export function newUnitBodies(): () => string {
  const profiles = makeProfiles();
  const random = seededUniform(7);
  const run = Date.now().toString(36);
  let n = 0;
  return () => {
    const unit = `new-${run}-${n++}`;
    const profile = profiles[Math.floor(random() * profiles.length)];
    const attributes = { ...profile, age: 13 + Math.floor(random() * 58), email: `${unit}@example.com`, beta: random() < 0.2 };
    return JSON.stringify({ unit, attributes });
  };
}
