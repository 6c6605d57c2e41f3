// Seeded Monte Carlo through the real decision code (computeExperimentResults + decideRollout),
// deciding at every look as production does. Bounds: the exact binomial acceptance region of the
// count of runs with a false alarm if the true rate were α (tail mass 0.0005 on each side).
import { binomialBounds } from '@xp/stats/testing';
import { simulateAA, type MetricShape } from '../testing/aa-simulation';
import { aaScenarios } from './aa-scenarios';

const ALPHA = 0.05;
const SRM_THRESHOLD = 0.001;
const shapes: MetricShape[] = ['revenue-3%-buyers'];

describe.each(shapes)('A/A experiments with a %s metric, decided at every look', (shape) => {
  it.each(aaScenarios(shape).map((s) => [`${s.looks} looks, ${s.treatments} treatment(s), ${s.method}`, s] as const))('%s: false ADVANCE/SHIP, ROLLBACK and HOLD stay within α', (_name, scenario) => {
    const alarms = simulateAA(scenario);
    const [, maxAtAlpha] = binomialBounds(scenario.runs, ALPHA);
    const [, maxAtSrm] = binomialBounds(scenario.runs, SRM_THRESHOLD);
    // Named so that a failure prints which rate broke and by how much.
    expect({ advance: alarms.advance <= maxAtAlpha, rollback: alarms.rollback <= maxAtAlpha, safeRollback: alarms.safeRollback <= maxAtAlpha, hold: alarms.hold <= maxAtSrm, alarms }).toEqual({
      advance: true,
      rollback: true,
      safeRollback: true,
      hold: true,
      alarms,
    });
  });
});
