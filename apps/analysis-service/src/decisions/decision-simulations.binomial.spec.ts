// Seeded Monte Carlo through the real decision code (computeExperimentResults + decideRollout),
// deciding at every look as production does. Bounds: the exact binomial acceptance region of the
// count of runs with a false alarm if the true rate were α (tail mass 0.0005 on each side).
import { describeAAScenarios } from './describe-aa-scenarios';

describeAAScenarios(['binomial-2%', 'binomial-5%']);
