import * as fs from 'node:fs';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user (e.g. postgres).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readPidFile(file: string): number | undefined {
  try {
    // First line only: postmaster.pid carries more lines after the pid.
    const pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0].trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** The pid from the file when that process is still running; a stale file is removed. */
export function livePid(file: string): number | undefined {
  const pid = readPidFile(file);
  if (pid !== undefined && isAlive(pid)) return pid;
  fs.rmSync(file, { force: true });
  return undefined;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns true or the time is up; returns whether it succeeded. */
export async function waitUntil(probe: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 250): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(everyMs);
  }
}

/** SIGTERM, then SIGKILL once `graceMs` has passed. Resolves when the process is gone. */
export async function terminate(pid: number, graceMs: number): Promise<'exited' | 'killed' | 'absent'> {
  if (!isAlive(pid)) return 'absent';
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return 'absent';
  }
  if (await waitUntil(() => !isAlive(pid), graceMs, 100)) return 'exited';
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return 'exited';
  }
  await waitUntil(() => !isAlive(pid), 5000, 50);
  return 'killed';
}
