export type ScenarioName = 'ship' | 'rollback';
export const SCENARIO_NAMES: readonly ScenarioName[] = ['ship', 'rollback'];

/** What a simulated user of one variant does after seeing it. */
export interface VariantBehaviour {
  /** Chance that the unit converts (one `purchase` event). */
  conversionRate: number;
  /** Mean page latency in ms reported by the unit (one `page_latency` event, ±20 % noise). */
  latencyMs: number;
}

export interface ScenarioSpec {
  name: ScenarioName;
  title: string;
  /** The decision the scenario must end with. */
  expected: 'SHIP' | 'ROLLBACK';
  behaviour: { control: VariantBehaviour; treatment: VariantBehaviour };
}

/**
 * Planted effects, large enough to be seen with the few dozen units per stage the demo can afford:
 * the good treatment converts far better at the same latency; the harmful one converts a little
 * better but is 60 % slower, beyond the 10 % the latency guardrail tolerates.
 */
export const SCENARIOS: Record<ScenarioName, ScenarioSpec> = {
  ship: {
    name: 'ship',
    title: 'a better checkout: conversion 15 % -> 55 %, latency unchanged',
    expected: 'SHIP',
    behaviour: { control: { conversionRate: 0.15, latencyMs: 200 }, treatment: { conversionRate: 0.55, latencyMs: 200 } },
  },
  rollback: {
    name: 'rollback',
    title: 'a harmful checkout: conversion 15 % -> 20 %, latency 200 ms -> 320 ms (guardrail: at most +10 %)',
    expected: 'ROLLBACK',
    behaviour: { control: { conversionRate: 0.15, latencyMs: 200 }, treatment: { conversionRate: 0.2, latencyMs: 320 } },
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
