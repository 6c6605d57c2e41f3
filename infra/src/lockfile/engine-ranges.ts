import semver from 'semver';
import { Lockfile } from './lockfile';

/** The lowest Node version of each alternative of an engines range ("^20.19.0 || >=24" -> 20.19.0, 24.0.0). */
export function lowestVersions(range: string): string[] {
  return new semver.Range(range).set.map((comparators) => {
    const min = semver.minVersion(comparators.map((c) => c.value).join(' '));
    if (!min) throw new Error(`engines range "${range}" has an alternative that admits no version`);
    return min.version;
  });
}

export interface EngineMismatch {
  package: string;
  version: string;
  requires: string;
  excludes: string;
}

/**
 * Every locked package whose `engines.node` excludes a Node version the project's own `engines`
 * promises (checked at the lowest version of each alternative; npm prints EBADENGINE for these).
 */
export function engineMismatches(lock: Lockfile, projectRange: string): EngineMismatch[] {
  const promised = lowestVersions(projectRange);
  const mismatches: EngineMismatch[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    const engines = entry.engines;
    const requires = engines && !Array.isArray(engines) ? engines.node : undefined;
    if (!path || !requires) continue;
    for (const node of promised) {
      if (!semver.satisfies(node, requires)) {
        mismatches.push({ package: path.replace(/^.*node_modules\//, ''), version: entry.version ?? '?', requires, excludes: node });
      }
    }
  }
  return mismatches;
}
