/** The parts of package-lock.json (lockfileVersion 3) that these checks read. */
export interface LockEntry {
  version?: string;
  integrity?: string;
  optional?: boolean;
  dev?: boolean;
  license?: string;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  engines?: Record<string, string> | string[];
  optionalDependencies?: Record<string, string>;
  [field: string]: unknown;
}

export interface Lockfile {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
  [field: string]: unknown;
}

export const lockPath = (name: string): string => `node_modules/${name}`;

/** npm writes `packages` sorted by path with `localeCompare(.., 'en')`; keep that order. */
export function sortPackages(packages: Record<string, LockEntry>): Record<string, LockEntry> {
  const sorted: Record<string, LockEntry> = {};
  for (const key of Object.keys(packages).sort((a, b) => a.localeCompare(b, 'en'))) sorted[key] = packages[key];
  return sorted;
}
