export type ScenarioName = 'ship' | 'rollback' | 'safe';
export const SCENARIO_NAMES: readonly ScenarioName[] = ['ship', 'rollback', 'safe'];

/** What a simulated user of one variant does after seeing it. */
export interface VariantBehaviour {
  /** Chance that the unit converts (one `purchase` event). */
  conversionRate: number;
  /** Mean latency in ms of the unit's page requests (1-5 `page_latency` events, ±20 % noise each). */
  latencyMs: number;
}

export interface ScenarioSpec {
  name: ScenarioName;
  title: string;
  /** The decision the scenario must end with. */
  expected: 'SHIP' | 'ROLLBACK';
  /** What advances a stage: a significant win on conversion, or every guardrail shown non-inferior. */
  advanceOn: 'win' | 'safe';
  /**
   * How the rollout is set up: `one-call` (POST /v1/guarded-rollouts: flag, experiment, rule and start
   * in one transaction) or `step-by-step` (flag, experiment, the flag's rule, start: four versioned calls).
   */
  setup: 'one-call' | 'step-by-step';
  behaviour: { control: VariantBehaviour; treatment: VariantBehaviour };
}

/**
 * Planted effects (and one neutral release), large enough to be seen with the few dozen units per stage the demo can afford:
 * the good treatment converts far better at the same latency; the harmful one converts a little
 * better but is 60 % slower, beyond the 10 % the latency guardrail tolerates.
 */
export const SCENARIOS: Record<ScenarioName, ScenarioSpec> = {
  ship: {
    name: 'ship',
    title: 'a better checkout: conversion 15 % -> 55 %, latency unchanged',
    expected: 'SHIP',
    advanceOn: 'win',
    setup: 'one-call',
    behaviour: { control: { conversionRate: 0.15, latencyMs: 200 }, treatment: { conversionRate: 0.55, latencyMs: 200 } },
  },
  rollback: {
    name: 'rollback',
    title: 'a harmful checkout: conversion 15 % -> 20 %, latency 200 ms -> 320 ms (guardrail: at most +10 %)',
    expected: 'ROLLBACK',
    advanceOn: 'win',
    setup: 'step-by-step',
    behaviour: { control: { conversionRate: 0.15, latencyMs: 200 }, treatment: { conversionRate: 0.2, latencyMs: 320 } },
  },
  safe: {
    name: 'safe',
    title: 'a neutral release as a guarded (safe) rollout: conversion and latency unchanged; ships once latency is shown within +10 %',
    expected: 'SHIP',
    advanceOn: 'safe',
    setup: 'step-by-step',
    behaviour: { control: { conversionRate: 0.15, latencyMs: 200 }, treatment: { conversionRate: 0.15, latencyMs: 200 } },
  },
};

/** Rollout stages, guardrail tolerance and time compression shared by both scenarios. */
export const DEMO_POLICY = {
  stages: [1, 5, 10, 25, 50, 100],
  /** New units a stage must enrol before it may advance. */
  minUnitsPerStage: 50,
  /** Seconds a stage must last: a day in production, compressed to a few seconds here. */
  minDurationPerStage: 4,
  alpha: 0.05,
  method: 'sequential' as const,
  requiresApproval: false,
  /** N*: the sequential test is tightest at about the units the demo enrols (6 stages of 50+ units). */
  plannedUnits: 600,
};

export const LATENCY_MAX_REGRESSION = 0.1;

/** Entity keys of one run; `runId` makes them unique so runs never collide. */
export function scenarioKeys(name: ScenarioName, runId: string) {
  const base = `demo-${name}-${runId}`;
  return {
    experiment: base,
    flag: `${base}-checkout`,
    conversionMetric: `${base}-purchase`,
    latencyMetric: `${base}-latency`,
    service: `checkout-${name}`,
  };
}
export type ScenarioKeys = ReturnType<typeof scenarioKeys>;
