import { DEFAULT_ENVIRONMENT, ExperimentSchema, rolloutPolicyProblems, type Experiment, type Flag } from '@xp/contracts';
import { UnprocessableError } from '@xp/platform';
import type { EntityDefinition, ReferenceLookup, ReferenceProblem } from '../entities/entity-definition';
import { requireExisting, requireLive } from '../entities/entity-decider';
import { isLive } from '../entities/reference-helpers';
import { environmentProblems } from '../environments/environment-references';
import type { EntityView } from '../projections/entity-view';
import { decideLifecycle, LIFECYCLE_ACTION_NAMES, type LifecycleAction } from './experiment-lifecycle';
import { rolloutCommandEvents } from './experiment-rollout';
import { RolloutCommandSchema } from './rollout-command.schema';

/** Lifecycle and rollout fields belong to their commands; an update cannot change them. */
const COMMAND_OWNED = ['status', 'currentStageIndex', 'rolloutPercentage', 'winner'] as const;

export const experimentDefinition: EntityDefinition = {
  streamType: 'experiment',
  eventPrefix: 'Experiment',
  toState(input, current) {
    const owned = current
      ? Object.fromEntries(COMMAND_OWNED.map((field) => [field, current.state[field]]))
      : { status: 'draft', currentStageIndex: 0, rolloutPercentage: undefined, winner: undefined };
    // An update that leaves out the environment keeps the experiment's.
    const environment = current ? { environment: environmentOfExperiment(current.state) } : {};
    const experiment = ExperimentSchema.parse({ ...environment, ...input, ...owned });
    assertRunnablePolicy(experiment);
    if (current) assertSameEnvironment(experiment, current.state);
    return experiment;
  },
  inEnvironment: (state, environment) => environmentOfExperiment(state) === environment,
  referencedTypes: ['flag', 'metric', 'experiment', 'environment'],
  referenceProblems: (state, lookup) => experimentReferenceProblems(state as Experiment, lookup),
  decideArchive: (current) => decideLifecycle(current.state as Experiment, 'archive'),
  commands: {
    ...Object.fromEntries(
      LIFECYCLE_ACTION_NAMES.map((action) => [action, (current: EntityView | undefined, key: string, input: Record<string, unknown> | undefined) => lifecycleMove(action, current, key, input)]),
    ),
    rollout: (current, key, input) => rolloutCommandEvents(requireLive(experimentDefinition, key, current).state as Experiment, RolloutCommandSchema.parse(input)),
  },
};

/** start, pause, resume, conclude (with `winner`), archive: the lifecycle decides which are allowed (409 otherwise). */
function lifecycleMove(action: LifecycleAction, current: EntityView | undefined, key: string, input: Record<string, unknown> | undefined) {
  return decideLifecycle(requireExisting(experimentDefinition, key, current).state as Experiment, action, input?.winner);
}

/** The driven flag and the metrics must exist, variants must be the flag's, and layer ranges must not overlap. */
export function experimentReferenceProblems(experiment: Experiment, lookup: ReferenceLookup): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  const flag = lookup.get('flag')?.get(experiment.flagKey) as Flag | undefined;
  if (!flag) problems.push({ path: 'flagKey', message: `unknown flag '${experiment.flagKey}'` });
  else {
    const variants = new Set(flag.variants.map((v) => v.key));
    experiment.variants.forEach((variant, i) => {
      if (!variants.has(variant.key)) problems.push({ path: `variants.${i}.key`, message: `flag '${flag.key}' has no variant '${variant.key}'` });
    });
  }
  const metric = (path: string, key: string) => {
    if (!isLive(lookup, 'metric', key)) problems.push({ path, message: `unknown metric '${key}'` });
  };
  problems.push(...environmentProblems(experiment.environment, 'environment', lookup));
  metric('primaryMetric', experiment.primaryMetric);
  experiment.secondaryMetrics.forEach((key, i) => metric(`secondaryMetrics.${i}`, key));
  experiment.guardrailMetrics.forEach((guardrail, i) => metric(`guardrailMetrics.${i}.metricKey`, guardrail.metricKey));
  problems.push(...layerOverlaps(experiment, lookup));
  return problems;
}

function layerOverlaps(experiment: Experiment, lookup: ReferenceLookup): ReferenceProblem[] {
  const others = [...(lookup.get('experiment')?.values() ?? [])] as Experiment[];
  const { key, start, end } = experiment.layer;
  return others
    .filter((other) => other.key !== experiment.key && other.layer.key === key && other.layer.start < end && start < other.layer.end)
    .map((other) => ({
      path: 'layer',
      message: `overlaps experiment '${other.key}' in layer '${key}' (${other.layer.start}-${other.layer.end})`,
    }));
}

/** Experiments stored before environments existed run in production. */
export function environmentOfExperiment(state: Record<string, unknown>): string {
  return typeof state.environment === 'string' ? state.environment : DEFAULT_ENVIRONMENT;
}

/** An experiment runs in one environment for life: its exposures and results belong to it. */
function assertSameEnvironment(experiment: Experiment, current: Record<string, unknown>): void {
  const before = environmentOfExperiment(current);
  if (experiment.environment === before) return;
  throw new UnprocessableError('environment_fixed', `experiment '${experiment.key}' runs in '${before}'; create another experiment for '${experiment.environment}'`, {
    details: { issues: [{ path: 'environment', message: `must stay '${before}'` }] },
  });
}

/** 422 for a policy that parses but that automation cannot run with its error guarantees. */
function assertRunnablePolicy(experiment: Experiment): void {
  const problems = rolloutPolicyProblems(experiment.rolloutPolicy, experiment.guardrailMetrics.length);
  if (problems.length === 0) return;
  const summary = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
  throw new UnprocessableError('unsupported_policy', `Rollout policy cannot run safely: ${summary}`, { details: { issues: problems } });
}
