import { Lockfile } from './lockfile';
import { platformEntryProblems, withPlatformEntries } from './platform-entries';
import { UnservedPackageSet, unservedPackageSets } from './unserved-packages';

const sets: UnservedPackageSet[] = [
  {
    parent: 'engine',
    license: 'MIT',
    platforms: {
      '@e/lib-darwin-arm64': { os: ['darwin'], cpu: ['arm64'] },
      '@e/lib-linux-x64-gnu': { os: ['linux'], cpu: ['x64'], libc: ['glibc'] },
    },
  },
];

const served = { version: '2.0.0', integrity: 'sha512-abc', cpu: ['x64'], libc: ['glibc'], license: 'MIT', optional: true, os: ['linux'] };

function lockWith(packages: Lockfile['packages']): Lockfile {
  return {
    lockfileVersion: 3,
    packages: {
      '': { name: 'app' },
      'node_modules/engine': { version: '1.0.0', optionalDependencies: { '@e/lib-darwin-arm64': '2.0.0', '@e/lib-linux-x64-gnu': '2.0.0' } },
      ...packages,
    },
  };
}

describe('lock entries for optional platform packages the registry does not serve', () => {
  it('reports each declared platform package the lock lacks', () => {
    const problems = platformEntryProblems(lockWith({ 'node_modules/@e/lib-linux-x64-gnu': served }), sets);
    expect(problems).toEqual([{ package: '@e/lib-darwin-arm64', problem: 'missing from package-lock.json' }]);
  });

  it('reports an entry locked at another version than the parent declares', () => {
    const stale = lockWith({ 'node_modules/@e/lib-linux-x64-gnu': served, 'node_modules/@e/lib-darwin-arm64': { version: '1.9.0' } });
    expect(platformEntryProblems(stale, sets)).toEqual([{ package: '@e/lib-darwin-arm64', problem: 'locked at 1.9.0, engine wants 2.0.0' }]);
  });

  it('reports a platform the parent declares that the table does not know, so a new platform is not skipped', () => {
    const lock = lockWith({});
    lock.packages['node_modules/engine'].optionalDependencies!['@e/lib-win32-x64'] = '2.0.0';
    expect(platformEntryProblems(lock, sets).map((p) => p.package)).toContain('@e/lib-win32-x64');
  });

  it('adds the missing entries with the fields npm writes, in npm order, and keeps the ones npm wrote', () => {
    const { lock, added } = withPlatformEntries(lockWith({ 'node_modules/@e/lib-linux-x64-gnu': served, 'node_modules/zod': { version: '4.0.0' } }), sets);
    expect(added).toEqual(['@e/lib-darwin-arm64@2.0.0']);
    expect(lock.packages['node_modules/@e/lib-darwin-arm64']).toEqual({ version: '2.0.0', cpu: ['arm64'], license: 'MIT', optional: true, os: ['darwin'] });
    expect(lock.packages['node_modules/@e/lib-linux-x64-gnu']).toBe(served);
    expect(Object.keys(lock.packages)).toEqual(['', 'node_modules/@e/lib-darwin-arm64', 'node_modules/@e/lib-linux-x64-gnu', 'node_modules/engine', 'node_modules/zod']);
    expect(platformEntryProblems(lock, sets)).toEqual([]);
  });

  it('changes nothing when run twice', () => {
    const once = withPlatformEntries(lockWith({}), sets).lock;
    const twice = withPlatformEntries(once, sets);
    expect(twice.added).toEqual([]);
    expect(JSON.stringify(twice.lock)).toBe(JSON.stringify(once));
  });

  it('the committed lock has an entry for every platform package chdb declares', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const committed = require('../../../package-lock.json') as Lockfile;
    expect(platformEntryProblems(committed, unservedPackageSets)).toEqual([]);
  });
});
