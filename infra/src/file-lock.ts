import * as fs from 'node:fs';
import * as path from 'node:path';
import { isAlive, sleep } from './process-control';

// Several test runs or shells may start the engines at once; one lock per engine makes the
// second caller wait and then find the engine already up instead of starting a twin.
export async function withFileLock<T>(lockDir: string, timeoutMs: number, work: () => Promise<T>): Promise<T> {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'owner'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (isAbandoned(lockDir)) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() >= deadline) throw new Error(`Timed out waiting for the lock ${lockDir}`);
      await sleep(250);
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

function isAbandoned(lockDir: string): boolean {
  try {
    const owner = Number(fs.readFileSync(path.join(lockDir, 'owner'), 'utf8'));
    return !isAlive(owner);
  } catch {
    // Owner file not written yet, or the lock just vanished: treat as abandoned only when old.
    try {
      return Date.now() - fs.statSync(lockDir).mtimeMs > 10_000;
    } catch {
      return false;
    }
  }
}
