import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertMaven } from './java-toolchain';
import { LocalSettings } from './local-settings';

const pomPath = (s: LocalSettings) => path.join(s.repoRoot, 'infra', 'kafka', 'pom.xml');
export const kafkaLibsDir = (s: LocalSettings) => path.join(s.localDir, 'kafka', 'libs');

/**
 * Copies the broker's jars from Maven Central into .local/kafka/libs. Skipped when the jars
 * were already resolved for the same pom content (a marker holds the pom's hash).
 */
export function ensureKafkaJars(settings: LocalSettings, log: (line: string) => void): string {
  const pom = pomPath(settings);
  const libs = kafkaLibsDir(settings);
  const digest = createHash('sha256').update(fs.readFileSync(pom)).digest('hex');
  const marker = path.join(libs, '.resolved-pom.sha256');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').trim() === digest) return libs;

  assertMaven();
  log(`resolving Kafka jars from Maven Central into ${libs} (first run only)`);
  fs.rmSync(libs, { recursive: true, force: true });
  const result = spawnSync(
    'mvn',
    [
      '-q', '-B',
      `-Dmaven.repo.local=${path.join(settings.localDir, 'm2')}`,
      '-f', pom,
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${libs}`,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (result.status !== 0) {
    throw new Error(`mvn could not resolve the Kafka jars (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  }
  fs.writeFileSync(marker, digest);
  return libs;
}
