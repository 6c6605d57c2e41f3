import { EngineName, stopEngines } from '../src/engines';

/** Stops only the engines that the global setup started (XP_KEEP_ENGINES=1 keeps them). */
export default async function globalTeardown(): Promise<void> {
  const started = (process.env.XP_TEST_ENGINES_STARTED ?? '').split(',').filter(Boolean) as EngineName[];
  if (started.length === 0 || process.env.XP_KEEP_ENGINES === '1') return;
  await stopEngines(started);
}
