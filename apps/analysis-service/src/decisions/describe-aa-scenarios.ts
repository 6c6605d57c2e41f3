import { binomialBounds } from '@xp/stats/testing';
import type { FalseAlarms, MetricShape, Scenario } from '../testing/aa-simulation';
import { simulateInNode } from '../testing/simulate-in-node';
import { aaScenarios } from './aa-scenarios';

const ALPHA = 0.05;
const SRM_THRESHOLD = 0.001;

/**
 * One test per A/A scenario of the shapes: false ADVANCE/SHIP, ROLLBACK (win and safe mode) and
 * HOLD stay within their rates. The simulations of the file run once, in a plain Node process.
 */
export function describeAAScenarios(shapes: MetricShape[]): void {
  describe.each(shapes)('A/A experiments with a %s metric, decided at every look', (shape) => {
    const scenarios = aaScenarios(shape);
    let alarms: FalseAlarms[] = [];
    beforeAll(async () => {
      alarms = await simulateInNode(scenarios);
    }, 600_000);

    it.each(scenarios.map((s, i) => [`${s.looks} looks, ${s.treatments} treatment(s), ${s.method}`, s, i] as [string, Scenario, number]))(
      '%s: false ADVANCE/SHIP, ROLLBACK and HOLD stay within α',
      (_name, scenario, i) => {
        const seen = alarms[i];
        const [, maxAtAlpha] = binomialBounds(scenario.runs, ALPHA);
        const [, maxAtSrm] = binomialBounds(scenario.runs, SRM_THRESHOLD);
        // Named so that a failure prints which rate broke and by how much.
        expect({ advance: seen.advance <= maxAtAlpha, rollback: seen.rollback <= maxAtAlpha, safeRollback: seen.safeRollback <= maxAtAlpha, hold: seen.hold <= maxAtSrm, seen }).toEqual({
          advance: true,
          rollback: true,
          safeRollback: true,
          hold: true,
          seen,
        });
      },
    );
  });
}
