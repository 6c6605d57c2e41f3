import { createClickhouseEngine } from './clickhouse-engine';
import { Engine, EngineName, engineNames, EngineStatus } from './engine';
import { createKafkaEngine } from './kafka-engine';
import { localSettings } from './local-settings';
import { createPostgresEngine } from './postgres-engine';

export type { EngineName, EngineStatus } from './engine';
export { engineNames } from './engine';

export interface EngineOptions {
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

const defaultLog = (line: string) => process.stderr.write(`[infra] ${line}\n`);

function createEngine(name: EngineName, { env = process.env, log = defaultLog }: EngineOptions): Engine {
  const settings = localSettings(env);
  switch (name) {
    case 'kafka':
      return createKafkaEngine(settings, log, env);
    case 'postgres':
      return createPostgresEngine(settings, log, env);
    case 'clickhouse':
      return createClickhouseEngine(settings, env);
  }
}

/**
 * Starts each named engine that is not already answering. `startedByUs` lists only the
 * engines this call started, so the caller can stop exactly those and nothing else.
 */
export async function ensureEngines(
  which: readonly EngineName[] = engineNames,
  options: EngineOptions = {},
): Promise<{ startedByUs: EngineName[] }> {
  const startedByUs: EngineName[] = [];
  try {
    // Sequential on purpose: the machine is small and the JVM start-up is the heavy part.
    for (const name of which) {
      if (await createEngine(name, options).start()) startedByUs.push(name);
    }
  } catch (error) {
    // All or nothing: a caller that gets an error has nothing of ours left to stop.
    await stopEngines(startedByUs, options).catch(() => undefined);
    throw error;
  }
  return { startedByUs };
}

export async function stopEngines(names: readonly EngineName[] = engineNames, options: EngineOptions = {}): Promise<void> {
  // Reverse order: services' dependencies go last.
  for (const name of [...names].reverse()) {
    await createEngine(name, options).stop();
  }
}

export async function engineStatus(
  which: readonly EngineName[] = engineNames,
  options: EngineOptions = {},
): Promise<EngineStatus[]> {
  return Promise.all(which.map((name) => createEngine(name, options).status()));
}
