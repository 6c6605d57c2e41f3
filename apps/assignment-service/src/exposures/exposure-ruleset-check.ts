import type { ItemIssue } from '@xp/contracts';
import type { RulesetSnapshot } from '../ruleset/ruleset-snapshot';

/**
 * Why a posted exposure cannot belong to the served ruleset, or undefined when it can: its experiment
 * must exist (archived ones are gone from the ruleset), be on the flag named, and have the variant named.
 * Analysis would otherwise store it and ignore it silently.
 */
export function exposureRulesetProblems(
  exposure: { experimentKey: string; flagKey: string; variant: string },
  snapshot: Pick<RulesetSnapshot, 'version' | 'exposureTargets'>,
): ItemIssue[] | undefined {
  const target = snapshot.exposureTargets.get(exposure.experimentKey);
  if (!target) return [{ path: 'experimentKey', message: `unknown experiment '${exposure.experimentKey}' (ruleset version ${snapshot.version})` }];
  const issues: ItemIssue[] = [];
  if (exposure.flagKey !== target.flagKey) {
    issues.push({ path: 'flagKey', message: `experiment '${exposure.experimentKey}' is on flag '${target.flagKey}', not '${exposure.flagKey}'` });
  }
  if (!target.variants.has(exposure.variant)) {
    issues.push({ path: 'variant', message: `experiment '${exposure.experimentKey}' has no variant '${exposure.variant}' (it has ${[...target.variants].join(', ')})` });
  }
  return issues.length > 0 ? issues : undefined;
}
