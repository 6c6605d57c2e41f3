import { FlagSchema, type Flag } from '@xp/contracts';
import type { EntityDefinition, ReferenceLookup, ReferenceProblem } from '../entities/entity-definition';
import { isLive, segmentProblems } from '../entities/reference-helpers';

export const flagDefinition: EntityDefinition = {
  streamType: 'flag',
  eventPrefix: 'Flag',
  toState: (input) => FlagSchema.parse(input),
  referencedTypes: ['flag', 'segment', 'experiment'],
  referenceProblems: (state, lookup) => flagReferenceProblems(state as Flag, lookup),
};

/** Segments, prerequisite flags (and the variants required of them) and experiments must exist. */
export function flagReferenceProblems(flag: Flag, lookup: ReferenceLookup): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  flag.prerequisites.forEach((prerequisite, i) => {
    const required = lookup.get('flag')?.get(prerequisite.flagKey) as Flag | undefined;
    if (!required) {
      problems.push({ path: `prerequisites.${i}.flagKey`, message: `unknown flag '${prerequisite.flagKey}'` });
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
