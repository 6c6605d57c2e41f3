// `npm run demo`: a guarded rollout end to end against a platform started by `npm start`.
// Exit code 0 only when every scenario ended with the decision it was built for.
import { DemoError } from './demo-error';
import { parseDemoOptions } from './demo-options';
import { connectPlatform } from './platform';
import { runScenario, type ScenarioOutcome } from './scenarios/run-scenario';
import { DEMO_POLICY, SCENARIOS } from './scenarios/scenario-spec';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  const options = parseDemoOptions(process.argv.slice(2), process.env);
  const platform = connectPlatform(options.urls, options.keys);
  say(`guarded rollout demo (run ${options.runId}) against ${Object.values(options.urls).join(', ')}`);
  say(
    `policy: stages ${DEMO_POLICY.stages.join(' -> ')} %, >= ${DEMO_POLICY.minUnitsPerStage} new units and >= ${DEMO_POLICY.minDurationPerStage} s per stage ` +
      `(time compressed: a stage would last a day in production), ${DEMO_POLICY.method} test at alpha ${DEMO_POLICY.alpha}. ` +
      'Decisions come from analysis-service every ANALYSIS_INTERVAL_MS (npm start sets a few seconds).',
  );
  const outcomes: ScenarioOutcome[] = [];
  for (const name of options.scenarios) {
    say('');
    outcomes.push(await runScenario(platform, SCENARIOS[name], { runId: options.runId, timeoutMs: options.timeoutMs, log: say }));
  }
  say('');
  for (const o of outcomes) {
    const kinds = o.decisions.map((d) => d.kind).join(' -> ') || 'none';
    say(`${o.ok ? 'OK  ' : 'FAIL'} ${o.keys.experiment}: expected ${o.expected}, got ${o.outcome} in ${(o.elapsedMs / 1000).toFixed(0)} s (${o.visitors} visitors; decisions ${kinds})`);
  }
  return outcomes.every((o) => o.ok) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error) => {
    say(err instanceof DemoError ? `demo failed (${err.code}): ${err.message}` : `demo failed: ${err.stack ?? err.message}`);
    process.exitCode = 2;
  },
);
