/**
 * Optional platform packages that a dependency declares but that the registry this project is
 * locked against does not serve, so `npm install` cannot write their lock entries.
 *
 * chdb ships its engine as one package per platform (`@chdb/lib-<platform>`, built by chdb's
 * `scripts/build-platform-pkg.sh`, which sets exactly these `os`/`cpu`/`libc` fields). The registry
 * reachable on the development machines serves only `@chdb/lib-linux-x64-gnu`. npm 11.16+ then
 * writes a lock without the other three and `npm ci` rejects its own lock ("Missing:
 * @chdb/lib-darwin-arm64@ from lock file", npm/cli#9846). On a Mac against the public registry
 * the same lock fails too, because there the package does exist and is missing from the lock.
 *
 * The entries written from this table are the ones npm writes against the public registry,
 * without `integrity` (which can only come from the tarball). npm keeps them on `npm install`,
 * `npm install <pkg>` and `npm uninstall`; on a platform that matches, it downloads the tarball by
 * name and version and records its integrity. See infra/README.md ("The lock file").
 */
export interface PlatformFields {
  os: string[];
  cpu: string[];
  libc?: string[];
}

export interface UnservedPackageSet {
  /** The package in the lock that declares them as optionalDependencies. */
  parent: string;
  /** Every optional platform package of the parent, with its platform fields. */
  platforms: Record<string, PlatformFields>;
  license: string;
}

export const unservedPackageSets: UnservedPackageSet[] = [
  {
    parent: 'chdb',
    license: 'Apache-2.0',
    platforms: {
      '@chdb/lib-darwin-arm64': { os: ['darwin'], cpu: ['arm64'] },
      '@chdb/lib-darwin-x64': { os: ['darwin'], cpu: ['x64'] },
      '@chdb/lib-linux-arm64-gnu': { os: ['linux'], cpu: ['arm64'], libc: ['glibc'] },
      '@chdb/lib-linux-x64-gnu': { os: ['linux'], cpu: ['x64'], libc: ['glibc'] },
    },
  },
];
