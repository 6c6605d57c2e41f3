import { DemoError } from './demo-error';
import type { PlatformUrls } from './platform';
import { SCENARIO_NAMES, type ScenarioName } from './scenarios/scenario-spec';

export interface DemoOptions {
  scenarios: ScenarioName[];
  urls: PlatformUrls;
  keys: { admin: string; sdk: string };
  /** Suffix of every key the run creates. */
  runId: string;
  timeoutMs: number;
}

const USAGE = 'usage: npm run demo -- [--scenario ship|rollback|safe|all] [--run-id <id>] [--timeout-s <seconds>]';

function flagValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i < 0) return undefined;
  const value = argv[i + 1];
  if (value === undefined || value.startsWith('--')) throw new DemoError('usage', `${name} needs a value\n${USAGE}`);
  return value;
}

/**
 * Arguments and environment: XP_CONFIG_URL, XP_ASSIGNMENT_URL, XP_ANALYSIS_URL, XP_DEPLOYMENT_URL
 * (default the `npm start` ports 3001-3004), XP_ADMIN_KEY / XP_SDK_KEY (default the development keys).
 */
export function parseDemoOptions(argv: string[], env: Record<string, string | undefined>, now = Date.now()): DemoOptions {
  const known = new Set(['--scenario', '--run-id', '--timeout-s']);
  const unknown = argv.filter((a, i) => a.startsWith('--') && !known.has(a) && !known.has(argv[i - 1]));
  if (unknown.length) throw new DemoError('usage', `unknown option ${unknown[0]}\n${USAGE}`);
  const scenario = flagValue(argv, '--scenario') ?? 'all';
  if (scenario !== 'all' && scenario !== 'both' && !SCENARIO_NAMES.includes(scenario as ScenarioName)) {
    throw new DemoError('usage', `unknown scenario '${scenario}'\n${USAGE}`);
  }
  const runId = flagValue(argv, '--run-id') ?? now.toString(36);
  if (!/^[a-z0-9-]{1,40}$/.test(runId)) throw new DemoError('usage', `--run-id must be lower-case letters, digits or '-'`);
  const timeoutS = Number(flagValue(argv, '--timeout-s') ?? 180);
  if (!Number.isFinite(timeoutS) || timeoutS <= 0) throw new DemoError('usage', `--timeout-s must be a positive number`);
  const url = (name: string, port: number) => (env[name] || `http://127.0.0.1:${port}`).replace(/\/+$/, '');
  return {
    scenarios: scenario === 'all' ? [...SCENARIO_NAMES] : scenario === 'both' ? ['ship', 'rollback'] : [scenario as ScenarioName],
    urls: {
      config: url('XP_CONFIG_URL', 3001),
      assignment: url('XP_ASSIGNMENT_URL', 3002),
      analysis: url('XP_ANALYSIS_URL', 3003),
      deployment: url('XP_DEPLOYMENT_URL', 3004),
    },
    keys: { admin: env.XP_ADMIN_KEY || 'dev-admin-key', sdk: env.XP_SDK_KEY || 'dev-sdk-key' },
    runId,
    timeoutMs: timeoutS * 1000,
  };
}
