import { ChildProcess, spawn } from 'node:child_process';
import { makePrefix, prefixLines } from './line-prefixer';
import { sleep, waitUntil } from './process-control';
import { ServiceSpec } from './service-specs';

export interface RunningService {
  spec: ServiceSpec;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns each service with `node -r @swc-node/register`, its output prefixed by its name. */
export function spawnServices(specs: ServiceSpec[], cwd: string, colour: boolean): RunningService[] {
  const width = Math.max(...specs.map((s) => s.name.length));
  return specs.map((spec, index) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', spec.entry], {
      cwd,
      env: { ...process.env, ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const prefix = makePrefix(spec.name, width, index, colour);
    prefixLines(child.stdout!, prefix, (text) => process.stdout.write(text));
    prefixLines(child.stderr!, prefix, (text) => process.stderr.write(text));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    return { spec, child, exited };
  });
}

async function isReady(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(2000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

/** Waits until every service's /health/ready answers 200; false when the time is up first. */
export async function waitForReady(services: RunningService[], timeoutMs: number): Promise<boolean> {
  const results = await Promise.all(services.map((s) => waitUntil(() => isReady(s.spec.port), timeoutMs, 500)));
  return results.every(Boolean);
}

const running = (s: RunningService) => s.child.exitCode === null && s.child.signalCode === null;

/** SIGTERM every service, SIGKILL whichever is still there after `graceMs`. */
export async function stopServices(services: RunningService[], graceMs: number): Promise<string[]> {
  for (const s of services.filter(running)) s.child.kill('SIGTERM');
  await Promise.race([Promise.all(services.map((s) => s.exited)), sleep(graceMs)]);
  const stragglers = services.filter(running);
  for (const s of stragglers) s.child.kill('SIGKILL');
  await Promise.all(stragglers.map((s) => s.exited));
  return stragglers.map((s) => s.spec.name);
}
