import { holdoutKeyOfExposure, type ItemIssue } from '@xp/contracts';
import type { RulesetSnapshot } from '../ruleset/ruleset-snapshot';

/**
 * Why a posted exposure cannot belong to the served ruleset, or undefined when it can: its experiment
 * must exist (archived ones are gone from the ruleset), be on the flag named, and have the variant named.
 * A holdout's exposure (`holdout:<key>`) must name a flag it covers and one of its two arms.
 * Analysis would otherwise store it and ignore it silently.
 */
export function exposureRulesetProblems(
  exposure: { experimentKey: string; flagKey: string; variant: string },
  snapshot: Pick<RulesetSnapshot, 'version' | 'exposureTargets'>,
): ItemIssue[] | undefined {
  const target = snapshot.exposureTargets.get(exposure.experimentKey);
  const holdoutKey = holdoutKeyOfExposure(exposure.experimentKey);
  const subject = holdoutKey === undefined ? `experiment '${exposure.experimentKey}'` : `holdout '${holdoutKey}'`;
  if (!target) return [{ path: 'experimentKey', message: `unknown ${subject} (ruleset version ${snapshot.version})` }];
  const issues: ItemIssue[] = [];
  if (target.flagKeys !== null && !target.flagKeys.has(exposure.flagKey)) {
    const flags = [...target.flagKeys].map((key) => `'${key}'`).join(', ');
    issues.push({ path: 'flagKey', message: `${subject} ${target.flagKeys.size === 1 ? 'is on flag' : 'covers the flags'} ${flags}, not '${exposure.flagKey}'` });
  }
  if (!target.variants.has(exposure.variant)) {
    const noun = holdoutKey === undefined ? 'variant' : 'arm';
    issues.push({ path: 'variant', message: `${subject} has no ${noun} '${exposure.variant}' (it has ${[...target.variants].join(', ')})` });
  }
  return issues.length > 0 ? issues : undefined;
}
