import { FlagSchema, type Flag } from '@xp/contracts';
import type { EntityDefinition, ReferenceLookup, ReferenceProblem } from '../entities/entity-definition';
import { requireLive } from '../entities/entity-decider';
import { isLive, referencePath, segmentProblems } from '../entities/reference-helpers';
import { refuseUnrunnableRegexes } from '../entities/unrunnable-regexes';
import { decideKillSwitch, KillSwitchCommandSchema } from './flag-kill-switch';

export const flagDefinition: EntityDefinition = {
  streamType: 'flag',
  eventPrefix: 'Flag',
  toState: (input) => {
    const flag = FlagSchema.parse(input);
    refuseUnrunnableRegexes(flag.rules.map((rule, r) => ({ path: `rules.${r}.conditions`, conditions: rule.conditions })));
    return flag;
  },
  referencedTypes: ['flag', 'segment', 'experiment'],
  referenceProblems: (state, lookup) => flagReferenceProblems(state as Flag, lookup),
  commands: {
    'kill-switch': (current, key, input) =>
      decideKillSwitch(requireLive(flagDefinition, key, current).state as Flag, KillSwitchCommandSchema.parse(input ?? {}).enabled),
  },
};

/**
 * Segments, prerequisite flags (and the variants required of them) and experiments must exist, and no
 * prerequisite may lead back to the flag itself.
 */
export function flagReferenceProblems(flag: Flag, lookup: ReferenceLookup): ReferenceProblem[] {
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
  flag.rules.forEach((rule, r) => {
    problems.push(...segmentProblems(rule.conditions, `rules.${r}.conditions`, lookup));
    if (rule.experimentKey && !isLive(lookup, 'experiment', rule.experimentKey)) {
      problems.push({ path: `rules.${r}.experimentKey`, message: `unknown experiment '${rule.experimentKey}'` });
    }
  });
  return problems;
}
