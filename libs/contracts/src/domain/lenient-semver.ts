import { SemVer } from 'semver';

const SHORT_VERSION = /^[vV=]?\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?((?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$/;

/**
 * Lenient version parsing (an opt-in per condition): trims, drops a leading `v`, `V` or `=`, and pads a
 * missing minor or patch with zeros, so `1.0` = `1.0.0` and `V1.0.0` = `1.0.0` (flagd, GrowthBook's padded
 * versions). Pre-release and build parts keep their semver meaning. Null when it is still not a version.
 */
export function lenientSemver(text: string): SemVer | null {
  const match = SHORT_VERSION.exec(text.trim());
  if (!match) return null;
  const [, major, minor = '0', patch = '0', rest] = match;
  try {
    return new SemVer(`${Number(major)}.${Number(minor)}.${Number(patch)}${rest}`);
  } catch {
    return null;
  }
}
