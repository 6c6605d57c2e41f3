/** How long the soak runs, how often it samples, and the load it offers (requests per second per endpoint). */
export interface SoakOptions {
  minutes: number;
  sampleSeconds: number;
  analysisIntervalMs: number;
  rates: SoakRates;
}

export interface SoakRates {
  evaluate: number;
  events: number;
  exposures: number;
  flagWrites: number;
  configReads: number;
  rulesetReads: number;
  results: number;
  sql: number;
  deploymentReads: number;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

/** SOAK_MINUTES (30), SOAK_SAMPLE_SECONDS (30), SOAK_ANALYSIS_INTERVAL_MS (5000), SOAK_EVALUATE_RATE (200/s), SOAK_EVENTS_RATE (50/s). */
export function parseSoakOptions(env: NodeJS.ProcessEnv): SoakOptions {
  return {
    minutes: positive(env, 'SOAK_MINUTES', 30),
    sampleSeconds: positive(env, 'SOAK_SAMPLE_SECONDS', 30),
    analysisIntervalMs: positive(env, 'SOAK_ANALYSIS_INTERVAL_MS', 5000),
    rates: {
      evaluate: positive(env, 'SOAK_EVALUATE_RATE', 200),
      events: positive(env, 'SOAK_EVENTS_RATE', 50),
      exposures: 2,
      flagWrites: 4 / 60,
      configReads: 1,
      rulesetReads: 0.5,
      results: 0.5,
      sql: 0.2,
      deploymentReads: 0.5,
    },
  };
}
