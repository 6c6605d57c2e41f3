import { lenientSemver } from '@xp/contracts';
import { SemVer } from 'semver';

const MAX_ENTRIES = 1000;

/** Parses attribute versions once: versions have few distinct values, so a small bounded cache pays off. */
export class SemverCache {
  private readonly parsed = new Map<string, SemVer | null>();
  private lenientCache: SemverCache | null = null;

  constructor(readonly parse: (version: string) => SemVer | null = parseSemver) {}

  /** The cache for conditions with `lenient: true` (padded versions such as `1.0` and `V1.0.0`). */
  get lenient(): SemverCache {
    return (this.lenientCache ??= new SemverCache(lenientSemver));
  }

  get(version: string): SemVer | null {
    let result = this.parsed.get(version);
    if (result !== undefined) return result;
    result = this.parse(version);
    if (this.parsed.size >= MAX_ENTRIES) this.parsed.clear();
    this.parsed.set(version, result);
    return result;
  }
}

export function parseSemver(version: string): SemVer | null {
  try {
    return new SemVer(version);
  } catch {
    return null;
  }
}
