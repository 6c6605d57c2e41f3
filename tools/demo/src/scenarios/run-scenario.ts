import type { Platform } from '../platform';
import { currentPercentage, finalOutcome, readPlatformState, type HistoryView, type PlatformState } from './platform-state';
import { formatDecision, formatProgress } from './progress-format';
import { scenarioKeys, type ScenarioKeys, type ScenarioSpec } from './scenario-spec';
import { setupScenario } from './setup-scenario';
import { runTrafficRound, visitorsPerRound } from './traffic';

export interface ScenarioRunOptions {
  runId: string;
  /** Give up (and fail) after this long. */
  timeoutMs: number;
  log: (line: string) => void;
}

export interface ScenarioOutcome {
  keys: ScenarioKeys;
  expected: 'SHIP' | 'ROLLBACK';
  /** The outcome seen, or TIMEOUT. */
  outcome: 'SHIP' | 'ROLLBACK' | 'TIMEOUT';
  ok: boolean;
  decisions: HistoryView[];
  elapsedMs: number;
  visitors: number;
}

const MIN_ROUND_MS = 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sets the scenario up, then sends rounds of new visitors at the current rollout percentage until
 * deployment-service and config-service show the terminal decision (or time runs out). Nobody
 * moves the rollout but the decisions: the demo only sends traffic and watches.
 */
export async function runScenario(platform: Platform, spec: ScenarioSpec, options: ScenarioRunOptions): Promise<ScenarioOutcome> {
  const keys = scenarioKeys(spec.name, options.runId);
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s`;
  const log = (line: string) => options.log(`[${spec.name} ${elapsed()}] ${line}`);
  log(`${spec.title}; expecting ${spec.expected}`);
  await setupScenario(platform, keys, spec.advanceOn, {}, spec.setup);
  log(`created flag ${keys.flag}, experiment ${keys.experiment} (running at 1 %), deployment ${keys.service} blue checkout-v1 / green checkout-v2`);

  let visitors = 0;
  let shown = 0;
  let lastProgress = '';
  let state: PlatformState = await readPlatformState(platform, keys);
  while (Date.now() - started < options.timeoutMs) {
    const outcome = finalOutcome(state);
    if (outcome) {
      log(`final: experiment ${state.experiment.status}${state.experiment.winner ? ` winner ${state.experiment.winner}` : ''} at ${state.experiment.rolloutPercentage ?? currentPercentage(state.experiment)} %, flag ${state.flag.enabled ? 'on' : 'killed'}, deployment ${state.rollout?.deployment?.activeColour ?? '?'} active (${state.rollout?.deployment?.status ?? '?'})`);
      return result(keys, spec, outcome, state, started, visitors);
    }
    const roundStarted = Date.now();
    const percentage = currentPercentage(state.experiment);
    if (percentage > 0) {
      const units = Array.from({ length: visitorsPerRound(percentage) }, (_, i) => `${keys.experiment}-u${visitors + i}`);
      await runTrafficRound(platform, keys.flag, spec, units);
      visitors += units.length;
    }
    state = await readPlatformState(platform, keys);
    const history = state.rollout?.history ?? [];
    for (const entry of history.slice(shown)) log(formatDecision(entry));
    shown = history.length;
    // A line when the analysis or the rollout moved, not for every round of traffic.
    const progress = formatProgress(state);
    if (progress !== lastProgress) log(`${progress} | ${visitors} visitors`);
    lastProgress = progress;
    await sleep(Math.max(0, MIN_ROUND_MS - (Date.now() - roundStarted)));
  }
  log(`no final decision within ${options.timeoutMs / 1000} s`);
  return result(keys, spec, 'TIMEOUT', state, started, visitors);
}

function result(keys: ScenarioKeys, spec: ScenarioSpec, outcome: ScenarioOutcome['outcome'], state: PlatformState, started: number, visitors: number): ScenarioOutcome {
  return {
    keys,
    expected: spec.expected,
    outcome,
    ok: outcome === spec.expected,
    decisions: state.rollout?.history ?? [],
    elapsedMs: Date.now() - started,
    visitors,
  };
}
