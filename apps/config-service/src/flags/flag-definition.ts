import { DEFAULT_ENVIRONMENT, flagEnvironmentsOf, type Flag, type Rule } from '@xp/contracts';
import type { EntityDefinition, ReferenceLookup, ReferenceProblem } from '../entities/entity-definition';
import { requireLive } from '../entities/entity-decider';
import { isLive, referencePath, segmentProblems } from '../entities/reference-helpers';
import { refuseUnrunnableRegexes } from '../entities/unrunnable-regexes';
import { environmentProblems } from '../environments/environment-references';
import { flagStateFromInput, presentFlag } from './flag-environments';
import { decideKillSwitch, KillSwitchCommandSchema } from './flag-kill-switch';
import { decidePromotion, PromoteCommandSchema } from './flag-promotion';

export const flagDefinition: EntityDefinition = {
  streamType: 'flag',
  eventPrefix: 'Flag',
  toState: (input, current, context) => {
    const flag = flagStateFromInput(input, current?.state, context?.environment);
    refuseUnrunnableRegexes(
      Object.entries(flag.environments).flatMap(([environment, part]) =>
        part.rules.map((rule, r) => ({ path: `environments.${environment}.rules.${r}.conditions`, conditions: rule.conditions })),
      ),
    );
    return flag;
  },
  present: presentFlag,
  referencedTypes: ['flag', 'segment', 'experiment', 'environment'],
  referenceProblems: (state, lookup) => flagReferenceProblems(state, lookup),
  commands: {
    'kill-switch': (current, key, input, context) =>
      decideKillSwitch(requireLive(flagDefinition, key, current).state, KillSwitchCommandSchema.parse(input ?? {}).enabled, context?.environment),
    promote: (current, key, input) => decidePromotion(requireLive(flagDefinition, key, current).state, PromoteCommandSchema.parse(input ?? {})),
  },
};

/**
 * Segments, prerequisite flags (and the variants required of them), environments and experiments must
 * exist, an experiment a rule runs must run in that rule's environment, and no prerequisite may lead
 * back to the flag itself. Takes a stored state (old flat states read as production).
 */
export function flagReferenceProblems(state: Record<string, unknown>, lookup: ReferenceLookup): ReferenceProblem[] {
  const flag = state as Pick<Flag, 'key' | 'prerequisites'>;
  const problems: ReferenceProblem[] = [];
  const flags = lookup.get('flag');
  const prerequisitesOf = (key: string): string[] =>
    (key === flag.key ? flag : (flags?.get(key) as Flag | undefined))?.prerequisites.map((p) => p.flagKey) ?? [];
  flag.prerequisites.forEach((prerequisite, i) => {
    const required = flags?.get(prerequisite.flagKey) as Flag | undefined;
    if (!required) {
      problems.push({ path: `prerequisites.${i}.flagKey`, message: `unknown flag '${prerequisite.flagKey}'` });
      return;
    }
    const cycle = referencePath(prerequisite.flagKey, flag.key, prerequisitesOf);
    if (cycle) {
      const keys = [flag.key, ...cycle];
      problems.push({ path: `prerequisites.${i}.flagKey`, message: `prerequisite cycle: ${keys.join(' -> ')}`, cycle: keys });
      return;
    }
    const variants = new Set(required.variants.map((v) => v.key));
    prerequisite.variants.forEach((variant, v) => {
      if (!variants.has(variant)) problems.push({ path: `prerequisites.${i}.variants.${v}`, message: `flag '${prerequisite.flagKey}' has no variant '${variant}'` });
    });
  });
  for (const [environment, part] of Object.entries(flagEnvironmentsOf(state))) {
    const base = `environments.${environment}`;
    problems.push(...environmentProblems(environment, base, lookup));
    part.rules.forEach((rule, r) => problems.push(...ruleProblems(rule, `${base}.rules.${r}`, environment, lookup)));
  }
  return problems;
}

function ruleProblems(rule: Rule, path: string, environment: string, lookup: ReferenceLookup): ReferenceProblem[] {
  const problems = segmentProblems(rule.conditions, `${path}.conditions`, lookup);
  if (!rule.experimentKey) return problems;
  if (!isLive(lookup, 'experiment', rule.experimentKey)) {
    problems.push({ path: `${path}.experimentKey`, message: `unknown experiment '${rule.experimentKey}'` });
    return problems;
  }
  // Experiments stored before environments existed run in production.
  const runsIn = (lookup.get('experiment')?.get(rule.experimentKey) as { environment?: string }).environment ?? DEFAULT_ENVIRONMENT;
  if (runsIn !== environment) {
    problems.push({ path: `${path}.experimentKey`, message: `experiment '${rule.experimentKey}' runs in environment '${runsIn}', not '${environment}'` });
  }
  return problems;
}
