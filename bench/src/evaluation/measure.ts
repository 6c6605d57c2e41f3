import type { Engine } from './engines';

export interface BenchSettings {
  unitCount: number;
  unitsPerRound: number;
  rounds: number;
  warmupUnits: number;
  flagCount: number;
}

export interface EngineResult {
  name: string;
  evalsPerSecond: number[];
  median: number;
  checksum: number;
}

/**
 * Warm-up, then `rounds` timed rounds per engine, interleaved (engine A round 1, engine B round 1, ...)
 * so that background load on the shared machine hits every engine alike. Round r evaluates the units
 * [r * unitsPerRound, (r + 1) * unitsPerRound) modulo the population: together the rounds walk the
 * 1,000,000 ids. One evaluation = one flag for one unit.
 */
export function measure(engines: Engine[], settings: BenchSettings, log: (line: string) => void): EngineResult[] {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (const engine of engines) engine.run(settings.unitCount - settings.warmupUnits, settings.warmupUnits);
  const results: EngineResult[] = engines.map((e) => ({ name: e.name, evalsPerSecond: [], median: 0, checksum: 0 }));
  for (let round = 0; round < settings.rounds; round++) {
    const from = (round * settings.unitsPerRound) % settings.unitCount;
    const count = Math.min(settings.unitsPerRound, settings.unitCount - from);
    engines.forEach((engine, i) => {
      gc?.();
      const start = process.hrtime.bigint();
      results[i].checksum += engine.run(from, count);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const rate = (count * settings.flagCount) / seconds;
      results[i].evalsPerSecond.push(rate);
      log(`  round ${round + 1}/${settings.rounds}  ${engine.name.padEnd(28)} ${formatRate(rate)} evals/s  (${seconds.toFixed(2)} s)`);
    });
  }
  for (const r of results) r.median = median(r.evalsPerSecond);
  return results;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function formatRate(rate: number): string {
  return Math.round(rate).toLocaleString('en-US').padStart(12);
}
