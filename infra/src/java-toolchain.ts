import { spawnSync } from 'node:child_process';

export class MissingToolError extends Error {
  readonly code = 'MISSING_TOOL';
  readonly retriable = false;
}

const javaHint = 'Install Java 17 or newer: apt-get install -y openjdk-17-jre-headless';
const mavenHint = 'Install Maven: apt-get install -y maven';

/** Major version from `java -version` output ("17.0.15", "1.8.0_392" -> 8, "21"). */
export function javaMajorVersion(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}

export function assertJava17(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error) throw new MissingToolError(`java was not found on PATH. ${javaHint}`);
  const major = javaMajorVersion(`${result.stderr}${result.stdout}`);
  if (major === undefined || major < 17) {
    throw new MissingToolError(`Kafka 3.9 needs Java 17+, found ${major ?? 'an unknown version'}. ${javaHint}`);
  }
}

export function assertMaven(): void {
  const result = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) throw new MissingToolError(`mvn was not found on PATH. ${mavenHint}`);
}
