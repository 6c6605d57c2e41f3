import { Engine, growthBookEngine, Population, unleashEngine, xpEngine, xpPerFlagEngine } from './engines';
import { formatRate, measure, median } from './measure';
import { translationCheck } from './translation-check';
import { FLAG_COUNT, makeProfiles, makeRuleset } from './workload';

/** `npm run bench:evaluation` — in-process evaluations per second, ours against GrowthBook and Unleash. */
async function main(): Promise<void> {
  const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
  const settings = {
    unitCount: env('BENCH_UNITS', 1_000_000),
    unitsPerRound: env('BENCH_UNITS_PER_ROUND', 200_000),
    rounds: env('BENCH_ROUNDS', 5),
    warmupUnits: env('BENCH_WARMUP_UNITS', 20_000),
    flagCount: FLAG_COUNT,
  };
  const ruleset = makeRuleset();
  const population: Population = { unitIds: Array.from({ length: settings.unitCount }, (_, i) => `user-${i}`), profiles: makeProfiles() };
  const ours = xpEngine(ruleset, population);
  const perFlag = xpPerFlagEngine(ruleset, population);
  const peers: Engine[] = [growthBookEngine(ruleset, population), await unleashEngine(ruleset, population)];

  console.log(`Workload: ${FLAG_COUNT} flags (${ruleset.segments.length} segments), ${settings.unitCount.toLocaleString('en-US')} unit ids, ${population.profiles.length} attribute profiles`);
  console.log(`Node ${process.version}; ${settings.rounds} rounds x ${settings.unitsPerRound.toLocaleString('en-US')} units x ${FLAG_COUNT} flags per engine, warm-up ${settings.warmupUnits.toLocaleString('en-US')} units`);
  const check = translationCheck(ours, [perFlag, ...peers], 20_000, settings.unitCount);
  console.log('Translation check (largest gap in the share of units served any value of any flag, 20,000 units):');
  for (const [name, gap] of check) console.log(`  ${name.padEnd(28)} ${gap.toFixed(2)} percentage points`);

  const results = measure([ours, perFlag, ...peers], settings, (line) => console.log(line));
  console.log('\nMedian evaluations per second (one evaluation = one flag for one unit):');
  for (const r of results) console.log(`  ${r.name.padEnd(28)} ${formatRate(r.median)}`);
  const [mine, mineFlag, ...others] = results;
  console.log('\nRatios:');
  for (const peer of others) {
    const paired = median(mine.evalsPerSecond.map((rate, round) => rate / peer.evalsPerSecond[round]));
    console.log(
      `  @xp/evaluation / ${peer.name}: ${(mine.median / peer.median).toFixed(2)}x ` +
        `(per-flag calls: ${(mineFlag.median / peer.median).toFixed(2)}x; median of per-round ratios: ${paired.toFixed(2)}x)`,
    );
  }
  const fastest = others.reduce((a, b) => (a.median > b.median ? a : b));
  const ratio = mine.median / fastest.median;
  console.log(`Target >= 2x the faster peer (${fastest.name}): ${ratio >= 2 ? 'met' : 'NOT met'} (${ratio.toFixed(2)}x)`);
  for (const engine of [ours, perFlag, ...peers]) engine.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
