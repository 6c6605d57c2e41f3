import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm run bench`: runs every `bench:*` script of the root package.json in turn; fails if one fails.
 * Except `bench:soak`, which runs 30 minutes by default: run it on its own.
 */
const root = join(__dirname, '..', '..');
const SEPARATE = new Set(['bench:soak']);
const scripts = Object.keys((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts)
  .filter((name) => name.startsWith('bench:') && !SEPARATE.has(name))
  .sort();
const failed: string[] = [];
for (const name of scripts) {
  console.log(`\n=== npm run ${name} ===`);
  const result = spawnSync('npm', ['run', '--silent', name], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failed.push(name);
}
console.log(failed.length === 0 ? `\nAll ${scripts.length} benches ran.` : `\nFailed: ${failed.join(', ')}`);
process.exit(failed.length === 0 ? 0 : 1);
