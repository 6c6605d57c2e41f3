import { HoldoutSchema, type Holdout } from '@xp/contracts';
import type { EntityDefinition, ReferenceLookup, ReferenceProblem } from '../entities/entity-definition';
import { isLive } from '../entities/reference-helpers';
import { environmentProblems } from '../environments/environment-references';
import { environmentOfExperiment } from '../experiments/experiment-definition';

/**
 * A holdout: a share of one environment's units kept out of the flags it covers (they get the off
 * variant), so the long-run effect of what those flags ship can be measured against them. It covers
 * `flagKeys` and the flags of `experimentKeys`; neither means every flag. analysis-service compares
 * its `metrics` between the held-out units and an equal-sized sample of the others.
 */
export const holdoutDefinition: EntityDefinition = {
  streamType: 'holdout',
  eventPrefix: 'Holdout',
  toState: (input) => HoldoutSchema.parse(input),
  inEnvironment: (state, environment) => (state as Holdout).environment === environment,
  referencedTypes: ['flag', 'experiment', 'environment', 'metric'],
  referenceProblems: (state, lookup) => holdoutReferenceProblems(state as Holdout, lookup),
};

function holdoutReferenceProblems(holdout: Holdout, lookup: ReferenceLookup): ReferenceProblem[] {
  const problems = environmentProblems(holdout.environment, 'environment', lookup);
  holdout.flagKeys.forEach((key, i) => {
    if (!isLive(lookup, 'flag', key)) problems.push({ path: `flagKeys.${i}`, message: `unknown flag '${key}'` });
  });
  holdout.experimentKeys.forEach((key, i) => {
    const experiment = lookup.get('experiment')?.get(key);
    if (!experiment) problems.push({ path: `experimentKeys.${i}`, message: `unknown experiment '${key}'` });
    else if (environmentOfExperiment(experiment) !== holdout.environment) {
      problems.push({ path: `experimentKeys.${i}`, message: `experiment '${key}' runs in '${environmentOfExperiment(experiment)}', not '${holdout.environment}'` });
    }
  });
  holdout.metrics.forEach((key, i) => {
    if (!isLive(lookup, 'metric', key)) problems.push({ path: `metrics.${i}`, message: `unknown metric '${key}'` });
  });
  return problems;
}
