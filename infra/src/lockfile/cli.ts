import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { engineMismatches } from './engine-ranges';
import { Lockfile } from './lockfile';
import { platformEntryProblems, withPlatformEntries } from './platform-entries';
import { PlatformFields, unservedPackageSets } from './unserved-packages';

const root = join(__dirname, '..', '..', '..');
const lockFile = join(root, 'package-lock.json');
const usage = 'usage: npm run lock:check | npm run lock:platforms';

const readLock = (): Lockfile => JSON.parse(readFileSync(lockFile, 'utf8')) as Lockfile;

/** `npm ci --dry-run` as npm would run it on another platform: it validates the lock, installs nothing. */
function dryRunCi(platform: PlatformFields): { ok: boolean; output: string } {
  const args = ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund', '--os', platform.os[0], '--cpu', platform.cpu[0]];
  if (platform.libc) args.push('--libc', platform.libc[0]);
  const result = spawnSync('npm', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const output = `${result.stdout}${result.stderr}`;
  return { ok: result.status === 0 && !output.includes('EBADENGINE'), output };
}

function check(): number {
  const lock = readLock();
  const failures: string[] = [];

  for (const p of platformEntryProblems(lock, unservedPackageSets)) failures.push(`${p.package}: ${p.problem}`);

  const projectRange = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
  for (const m of engineMismatches(lock, projectRange)) {
    failures.push(`${m.package}@${m.version} requires node ${m.requires}, which excludes ${m.excludes} (package.json engines: ${projectRange})`);
  }

  const platforms = unservedPackageSets.flatMap((set) => Object.values(set.platforms));
  for (const platform of platforms) {
    const name = [platform.os[0], platform.cpu[0], platform.libc?.[0]].filter(Boolean).join('-');
    const { ok, output } = dryRunCi(platform);
    console.log(`lock: npm ci --dry-run for ${name}: ${ok ? 'accepted' : 'REFUSED'}`);
    if (!ok) failures.push(`npm ci would refuse the lock on ${name}:\n${output.split('\n').filter((l) => /EUSAGE|Missing|Invalid|EBADENGINE|required/.test(l)).join('\n')}`);
  }

  if (failures.length === 0) {
    console.log('lock: package-lock.json is installable by npm ci on every platform chdb ships for');
    return 0;
  }
  console.error(`lock: package-lock.json is not installable as committed:\n- ${failures.join('\n- ')}`);
  console.error('Fix: `npm install`, then `npm run lock:platforms` (infra/README.md, "The lock file"), and commit the lock.');
  return 1;
}

function write(): number {
  const { lock, added } = withPlatformEntries(readLock(), unservedPackageSets);
  writeFileSync(lockFile, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(added.length ? `lock: added ${added.join(', ')}` : 'lock: every platform package already locked');
  return 0;
}

const commands: Record<string, () => number> = { check, write };
const command = commands[process.argv[2] ?? ''];
if (!command) {
  console.error(usage);
  process.exit(2);
}
process.exit(command());
