import { SemVer } from 'semver';

const MAX_ENTRIES = 1000;

/** Parses attribute versions once: versions have few distinct values, so a small bounded cache pays off. */
export class SemverCache {
  private readonly parsed = new Map<string, SemVer | null>();

  get(version: string): SemVer | null {
    let result = this.parsed.get(version);
    if (result !== undefined) return result;
    result = parseSemver(version);
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
