import type { MetricShape, Scenario } from '../testing/aa-simulation';

/**
 * The A/A matrix the decision rules must survive (issue: 90 and 1,000 looks; binomial guardrails
 * at 2 % and 5 %, revenue with 3 % buyers; 1 and 3 treatments; every accepted method). 10,000
 * units by the last look (200 conversions at 2 %, 300 buyers), N* = 10,000; runs per scenario as
 * many as `npm test` affords.
 */
export function aaScenarios(shape: MetricShape): Scenario[] {
  const scenarios: Scenario[] = [];
  let seed = shape.length * 1000;
  for (const looks of [90, 1000]) {
    for (const treatments of [1, 3]) {
      for (const method of ['sequential', 'bayesian'] as const) {
        // Bayesian decisions are the sequential test's; at 1,000 looks one treatment count covers it.
        if (method === 'bayesian' && looks === 1000 && treatments === 3) continue;
        scenarios.push({ shape, looks, treatments, method, runs: looks === 90 ? 1000 : 500, units: 10_000, plannedUnits: 10_000, seed: (seed += 1) });
      }
    }
  }
  return scenarios;
}
