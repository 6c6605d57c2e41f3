import { LockEntry, Lockfile, lockPath, sortPackages } from './lockfile';
import { UnservedPackageSet } from './unserved-packages';

export interface PlatformEntryProblem {
  package: string;
  problem: string;
}

function expectedEntry(set: UnservedPackageSet, name: string, version: string): LockEntry {
  const fields = set.platforms[name];
  // Same field order as npm's own entries, so `npm install` rewrites nothing.
  return {
    version,
    cpu: fields.cpu,
    ...(fields.libc ? { libc: fields.libc } : {}),
    license: set.license,
    optional: true,
    os: fields.os,
  };
}

function declared(lock: Lockfile, set: UnservedPackageSet): Record<string, string> {
  const parent = lock.packages[lockPath(set.parent)];
  if (!parent) throw new Error(`${set.parent} is not in package-lock.json`);
  return parent.optionalDependencies ?? {};
}

/** What is wrong with the lock's entries for the parent's optional platform packages. */
export function platformEntryProblems(lock: Lockfile, sets: UnservedPackageSet[]): PlatformEntryProblem[] {
  const problems: PlatformEntryProblem[] = [];
  for (const set of sets) {
    for (const [name, version] of Object.entries(declared(lock, set))) {
      if (!set.platforms[name]) {
        problems.push({ package: name, problem: `${set.parent} declares it but infra/src/lockfile/unserved-packages.ts has no platform fields for it` });
        continue;
      }
      const entry = lock.packages[lockPath(name)];
      if (!entry) problems.push({ package: name, problem: 'missing from package-lock.json' });
      else if (entry.version !== version) problems.push({ package: name, problem: `locked at ${entry.version}, ${set.parent} wants ${version}` });
    }
  }
  return problems;
}

/**
 * The lock with an entry for every optional platform package the parents declare and the lock
 * lacks (or holds at another version). Entries npm wrote itself (with integrity) are kept.
 */
export function withPlatformEntries(lock: Lockfile, sets: UnservedPackageSet[]): { lock: Lockfile; added: string[] } {
  const packages = { ...lock.packages };
  const added: string[] = [];
  for (const set of sets) {
    for (const [name, version] of Object.entries(declared(lock, set))) {
      if (!set.platforms[name]) throw new Error(`no platform fields for ${name} in infra/src/lockfile/unserved-packages.ts`);
      if (packages[lockPath(name)]?.version === version) continue;
      packages[lockPath(name)] = expectedEntry(set, name, version);
      added.push(`${name}@${version}`);
    }
  }
  return { lock: { ...lock, packages: sortPackages(packages) }, added };
}
