// `npm run demo:traffic -- --flag <key> [--scenario ship|rollback|safe] [--timeout-s N]`: the demo's
// simulated visitors for a flag made elsewhere (e.g. in the web console), until stopped. Variants
// named `green` behave as the scenario's treatment, every other one as its control.
import { parseDemoOptions } from './demo-options';
import { connectPlatform } from './platform';
import { SCENARIOS, type ScenarioName } from './scenarios/scenario-spec';
import { runTrafficRound, visitorsPerRound } from './scenarios/traffic';

const value = (name: string) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<number> {
  const flag = value('--flag');
  const scenario = (value('--scenario') ?? 'ship') as ScenarioName;
  const timeoutMs = Number(value('--timeout-s') ?? 600) * 1000;
  if (!flag || !SCENARIOS[scenario]) {
    process.stderr.write('usage: npm run demo:traffic -- --flag <key> [--scenario ship|rollback|safe] [--timeout-s N]\n');
    return 2;
  }
  const { urls, keys } = parseDemoOptions([], process.env);
  const platform = connectPlatform(urls, keys);
  const started = Date.now();
  let visitors = 0;
  let stopping = false;
  process.once('SIGTERM', () => (stopping = true));
  process.once('SIGINT', () => (stopping = true));
  while (!stopping && Date.now() - started < timeoutMs) {
    const round = Date.now();
    const experiments = await platform.config.get<{ items: Array<{ flagKey: string; status: string; rolloutPercentage?: number; currentStageIndex: number; rolloutPolicy: { stages: number[] } }> }>('/v1/experiments');
    const experiment = experiments.items.find((e) => e.flagKey === flag && e.status === 'running');
    const percentage = experiment ? (experiment.rolloutPercentage ?? experiment.rolloutPolicy.stages[experiment.currentStageIndex] ?? 0) : 0;
    if (percentage > 0) {
      const units = Array.from({ length: visitorsPerRound(percentage) }, (_, i) => `${flag}-t${started.toString(36)}-${visitors + i}`);
      const result = await runTrafficRound(platform, flag, SCENARIOS[scenario], units);
      visitors += units.length;
      process.stdout.write(`${visitors} visitors; this round enrolled ${JSON.stringify(result.enrolled)} at ${percentage} %\n`);
    }
    await sleep(Math.max(0, 1000 - (Date.now() - round)));
  }
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    process.stderr.write(`traffic failed: ${error.message}\n`);
    process.exitCode = 1;
  },
);
